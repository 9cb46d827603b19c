using System.Globalization;
using KbGen.Model;
using KbGen.Validation;

namespace KbGen.Rendering.Html;

/// <summary>View models for templates. Strings are escaped by Handlebars; only members named
/// *Html carry markup, and those come from <see cref="HtmlMarkdown"/> or our own code.</summary>
public static class TopicView
{
    public static string Date(DateOnly d) => d.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object Claim(Claim c, CitationNumbering n) => new
    {
        html = HtmlMarkdown.Inline(c.Text, n),
        strength = c.Strength,
        strengthLabel = c.Strength is null ? null : $"Recommendation: {c.Strength}",
        certainty = c.Certainty,
        certaintyLabel = c.Certainty is null ? null : $"Certainty: {c.Certainty.Replace('-', ' ')}",
        hasBadges = c.Strength is not null || c.Certainty is not null,
        items = c.Items.Select(i => Claim(i, n)).ToList(),
        hasItems = c.Items.Count > 0,
    };

    public static object Audience(AudienceText a, CitationNumbering n, string prefix) => new
    {
        summaryHtml = a.Summary is { IsEmpty: false } s ? HtmlMarkdown.Block(s, n) : null,
        sections = a.Sections.Select((s, i) => new
        {
            title = s.Title,
            anchor = $"{prefix}-{i + 1}",
            items = s.Items.Select(c => Claim(c, n)).ToList(),
        }).ToList(),
        redFlags = a.RedFlags.Select(c => Claim(c, n)).ToList(),
        redFlagsTitle = prefix == "patient" ? "When to get help urgently" : "Red flags: act urgently",
        hasRedFlags = a.RedFlags.Count > 0,
    };

    /// <summary>The chart (SVG) and the same algorithm as a numbered list, both drawn from one layout.</summary>
    public static object? Algorithm(Algorithm? a, (string Svg, string TextList)? chart) =>
        a is null || chart is not { } c ? null : new { title = a.Title, svgHtml = c.Svg, textListHtml = c.TextList };

    public static object History(Review r) => r.History.Select(h => new
    {
        status = h.Status.ToName(),
        label = h.Status.Label(),
        date = Date(h.Date),
        iso = Iso(h.Date),
        by = h.By,
        note = h.Note,
    }).ToList();

    public static bool IsReviewDue(Topic t, KbSettings s, DateOnly today) =>
        t.Review.Status == ReviewStatus.Approved && ReviewDueRule.DueDate(t, s) is { } due && due < today;
}
