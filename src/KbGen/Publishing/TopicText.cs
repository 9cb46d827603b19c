using System.Text.RegularExpressions;
using KbGen.Model;

namespace KbGen.Publishing;

/// <summary>Walks every Markdown field of a topic, and shows Markdown as a reader of a redline sees
/// it: citations <c>[@a; @b]</c> become <c>[a; b]</c> (the reference ids, since numbering belongs to
/// the renderer), and runs of white space collapse to one space.</summary>
public static partial class TopicText
{
    [GeneratedRegex(@"\[@([^\[\]\n]*)\]")]
    private static partial Regex CitationGroup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    public static string Display(string markdown)
    {
        var s = CitationGroup().Replace(markdown, m =>
            "[" + string.Join("; ", m.Groups[1].Value.Split(';').Select(p => p.Trim().TrimStart('@'))) + "]");
        return Space().Replace(s, " ").Trim();
    }

    public static IEnumerable<MarkdownText> AllText(Topic t)
    {
        yield return t.Summary;
        foreach (var a in new[] { t.Clinician, t.Patient })
        {
            if (a.Summary is not null) yield return a.Summary;
            foreach (var s in a.Sections)
                foreach (var c in Flatten(s.Items)) yield return c.Text;
            foreach (var c in Flatten(a.RedFlags)) yield return c.Text;
        }
        foreach (var n in t.Algorithm?.Nodes ?? []) yield return n.Text;
        foreach (var c in Flatten(t.Pitfalls)) yield return c.Text;
    }

    public static IEnumerable<Claim> Flatten(IEnumerable<Claim> claims)
    {
        foreach (var c in claims)
        {
            yield return c;
            foreach (var d in Flatten(c.Items)) yield return d;
        }
    }

    /// <summary>Ids of every reference the topic cites, in order of first citation.</summary>
    public static IReadOnlyList<string> CitedIds(Topic t) =>
        AllText(t).SelectMany(m => m.Citations).Select(c => c.ReferenceId).Distinct(StringComparer.Ordinal).ToList();
}
