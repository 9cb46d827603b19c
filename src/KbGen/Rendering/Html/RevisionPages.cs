using System.Net;
using System.Text;
using KbGen.Loading.Markdown;
using KbGen.Model;
using KbGen.Publishing;

namespace KbGen.Rendering.Html;

/// <summary>View models for what the workflow publishes: the revision table on a topic page,
/// redline pages comparing a version with the one before, What's new, and the Atom feed.</summary>
public static partial class RevisionPages
{
    public static object Revisions(KnowledgeBase kb, string topicId, string root) =>
        RevisionHistory.For(kb, topicId).Revisions.Reverse().Select(r => new
        {
            version = r.Version,
            date = TopicView.Date(r.Published),
            iso = TopicView.Iso(r.Published),
            approver = r.Approver,
            note = r.Note,
            href = root + SitePaths.TopicVersion(topicId, r.Version),
            changesHref = r.Version > 1 ? root + SitePaths.Changes(topicId, r.Version) : null,
        }).ToList();

    public static object Changes(Redline redline, ArchivedRevision older, ArchivedRevision newer, string root)
    {
        // Redline text names citations by reference id ("[kb-guideline]"); readers know them by
        // their numbers, so show each as the number it has in the version it belongs to.
        var newNumbers = new CitationNumbering(newer.Topic, id => newer.References.FirstOrDefault(r => r.Id == id));
        var oldNumbers = new CitationNumbering(older.Topic, id => older.References.FirstOrDefault(r => r.Id == id));
        string Words(IReadOnlyList<DiffSegment> segments, ChangeKind kind, string? oldText, string? newText) =>
            Citations().Replace(Segments(segments, kind, oldText, newText), m =>
            {
                var numbers = m.Groups[1].Value.Split("; ").Select(id => newNumbers.NumberOf(id) is > 0 and var n ? n : oldNumbers.NumberOf(id)).ToList();
                return numbers.All(n => n > 0) ? "<sup>" + string.Join(",", numbers.Order()) + "</sup>" : m.Value;
            });
        return Model(redline, newer, root, Words);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s?\[([a-z0-9]+(?:-[a-z0-9]+)*(?:; [a-z0-9]+(?:-[a-z0-9]+)*)*)\]")]
    private static partial System.Text.RegularExpressions.Regex Citations();

    private static object Model(Redline redline, ArchivedRevision newer, string root, Func<IReadOnlyList<DiffSegment>, ChangeKind, string?, string?, string> Words) => new
    {
        topicTitle = newer.Topic.Title,
        question = newer.Topic.Question,
        from = redline.FromVersion,
        to = redline.ToVersion,
        published = TopicView.Date(newer.Published),
        versionHref = root + SitePaths.TopicVersion(newer.TopicId, newer.Version),
        previousHref = root + SitePaths.TopicVersion(newer.TopicId, newer.Version - 1),
        isEmpty = redline.IsEmpty,
        sections = redline.Sections.Select(s => new { kind = Kind(s.Kind), audience = s.Audience, oldTitle = s.OldTitle, newTitle = s.NewTitle }).ToList(),
        claims = redline.Claims.Select(c => new
        {
            kind = Kind(c.Kind),
            label = c.Kind switch { ChangeKind.Added => "Added", ChangeKind.Removed => "Removed", _ => "Changed" },
            where = $"{(c.Audience == "patient" ? "Patient" : "Clinician")} · {(c.Section ?? c.Part)}",
            wordsHtml = Words(c.Words, c.Kind, c.OldText, c.NewText),
            citations = string.Join("; ", c.CitationsAdded.Select(x => "+" + x).Concat(c.CitationsRemoved.Select(x => "−" + x))),
            strength = c.StrengthChanged ? $"{c.OldStrength ?? "none"} → {c.NewStrength ?? "none"}" : null,
            certainty = c.CertaintyChanged ? $"{c.OldCertainty ?? "none"} → {c.NewCertainty ?? "none"}" : null,
        }).ToList(),
        nodes = redline.Nodes.Select(n => new
        {
            kind = Kind(n.Kind),
            id = n.NodeId,
            wordsHtml = Words(n.Words, n.Kind, n.OldText, n.NewText),
            edges = string.Join("; ", n.EdgesAdded.Select(e => "+ " + e).Concat(n.EdgesRemoved.Select(e => "− " + e))),
        }).ToList(),
    };

    private static string Kind(ChangeKind k) => k.ToString().ToLowerInvariant();

    /// <summary>Word-level changes as &lt;ins&gt;/&lt;del&gt;, every piece of text escaped.</summary>
    private static string Segments(IReadOnlyList<DiffSegment> segments, ChangeKind kind, string? oldText, string? newText)
    {
        if (segments.Count == 0)
            return kind == ChangeKind.Removed ? $"<del>{Enc(oldText)}</del>" : kind == ChangeKind.Added ? $"<ins>{Enc(newText)}</ins>" : Enc(newText);
        var sb = new StringBuilder();
        foreach (var s in segments)
            sb.Append(s.Kind switch
            {
                SegmentKind.Inserted => $"<ins>{Enc(s.Text)}</ins>",
                SegmentKind.Deleted => $"<del>{Enc(s.Text)}</del>",
                _ => Enc(s.Text),
            });
        return sb.ToString();
    }

    private static string Enc(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>Published revisions of the shown topics, newest first.</summary>
    public static IReadOnlyList<ArchivedRevision> Published(KnowledgeBase kb, IReadOnlyList<ShownTopic> shown)
    {
        var ids = shown.Select(s => s.Topic.Id).ToHashSet(StringComparer.Ordinal);
        return kb.Archive.Where(a => ids.Contains(a.TopicId))
            .OrderByDescending(a => a.Published).ThenBy(a => a.TopicId, StringComparer.Ordinal).ThenByDescending(a => a.Version).ToList();
    }

    public static string Feed(KnowledgeBase kb, IReadOnlyList<ArchivedRevision> published, DateTimeOffset updated)
    {
        var baseUrl = kb.Settings.BaseUrl;
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        sb.Append("  <title>").Append(Enc(kb.Settings.Title)).Append(" — published revisions</title>\n");
        sb.Append("  <id>").Append(Enc(baseUrl + "feed.xml")).Append("</id>\n");
        sb.Append("  <link rel=\"self\" href=\"").Append(Enc(baseUrl + "feed.xml")).Append("\"/>\n");
        sb.Append("  <link href=\"").Append(Enc(baseUrl)).Append("\"/>\n");
        var newest = published.Count > 0 ? new DateTimeOffset(published[0].Published.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : updated;
        sb.Append("  <updated>").Append(newest.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)).Append("</updated>\n");
        sb.Append("  <author><name>").Append(Enc(kb.Settings.Publisher)).Append("</name></author>\n");
        foreach (var a in published)
        {
            var url = baseUrl + SitePaths.Pretty(SitePaths.TopicVersion(a.TopicId, a.Version));
            var date = a.Published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z";
            var note = a.Topic.Review.LastApproval?.Note;
            sb.Append("  <entry>\n");
            sb.Append("    <title>").Append(Enc($"{a.Topic.Title} — version {a.Version}")).Append("</title>\n");
            sb.Append("    <id>").Append(Enc(url)).Append("</id>\n");
            sb.Append("    <link href=\"").Append(Enc(url)).Append("\"/>\n");
            sb.Append("    <updated>").Append(date).Append("</updated>\n");
            sb.Append("    <summary>").Append(Enc(note ?? PlainText.Of(a.Topic.Summary))).Append("</summary>\n");
            sb.Append("  </entry>\n");
        }
        sb.Append("</feed>\n");
        return sb.ToString();
    }
}
