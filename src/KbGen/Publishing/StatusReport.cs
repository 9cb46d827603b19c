using System.Text;
using KbGen.Model;
using KbGen.Validation;

namespace KbGen.Publishing;

/// <summary>One row of `kbgen status`.</summary>
public sealed record TopicStatusRow(string TopicId, string Title, ReviewStatus Status, int? LatestVersion, DateOnly? LatestPublished,
    DateOnly? LastApproved, DateOnly? ReviewDue, int? DaysUntilDue);

public static class StatusReport
{
    public static IReadOnlyList<TopicStatusRow> Build(KnowledgeBase kb, DateOnly today) =>
        kb.Topics.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t =>
        {
            var latest = kb.Archive.Where(a => a.TopicId == t.Id).MaxBy(a => a.Version);
            var due = ReviewDueRule.DueDate(t, kb.Settings);
            return new TopicStatusRow(t.Id, t.Title, t.Review.Status, latest?.Version, latest?.Published,
                t.Review.LastApproval?.Date, due, due is { } d ? d.DayNumber - today.DayNumber : null);
        }).ToList();

    /// <summary>A plain-text table; "-" where there is nothing to show.</summary>
    public static string Format(IReadOnlyList<TopicStatusRow> rows)
    {
        string[] head = ["TOPIC", "STATUS", "PUBLISHED", "APPROVED", "REVIEW DUE IN (DAYS)"];
        var cells = rows.Select(r => new[]
        {
            r.TopicId,
            r.Status.ToName(),
            r.LatestVersion is { } v ? $"v{v} ({YamlText.Date(r.LatestPublished!.Value)})" : "-",
            r.LastApproved is { } a ? YamlText.Date(a) : "-",
            r.DaysUntilDue is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
        }).ToList();
        var widths = head.Select((h, i) => Math.Max(h.Length, cells.Select(c => c[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var sb = new StringBuilder();
        foreach (var row in cells.Prepend(head))
            sb.Append(string.Join("  ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i])))).Append('\n');
        return sb.ToString();
    }
}
