using System.Text.RegularExpressions;
using KbGen.Model;
using KbGen.Validation;

namespace KbGen.Publishing;

/// <summary>Shows Markdown as a reader of a redline sees
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

    /// <summary>Ids of every reference the topic cites, in order of first citation.</summary>
    public static IReadOnlyList<string> CitedIds(Topic t) => ClaimWalk.CitedIds(t);
}
