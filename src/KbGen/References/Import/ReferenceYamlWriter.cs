using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KbGen.Model;

namespace KbGen.References.Import;

/// <summary>Writes a reference as content/references/&lt;id&gt;.yaml in the design's key order.
/// Strings stay plain where YAML reads them back unchanged, else they are double-quoted;
/// volume, issue and pmid are always quoted so that no reader turns them into numbers.</summary>
public static partial class ReferenceYamlWriter
{
    public static string ToYaml(Reference r)
    {
        var sb = new StringBuilder();
        void Line(string key, string? value) { if (value is not null) sb.Append(key).Append(": ").Append(value).Append('\n'); }

        Line("id", Plain(r.Id));
        Line("type", Plain(r.Type));
        Line("title", Plain(r.Title));
        if (r.Authors.Count > 0) Line("authors", "[" + string.Join(", ", r.Authors.Select(a => Scalar(a, flow: true))) + "]");
        Line("organization", Opt(r.Organization));
        Line("journal", Opt(r.Journal));
        Line("year", r.Year.ToString(CultureInfo.InvariantCulture));
        Line("month", Opt(r.Month));
        Line("volume", r.Volume is null ? null : Quoted(r.Volume));
        Line("issue", r.Issue is null ? null : Quoted(r.Issue));
        Line("pages", Opt(r.Pages));
        Line("doi", Opt(r.Doi));
        Line("pmid", r.Pmid is null ? null : Quoted(r.Pmid));
        Line("epub", r.Epub?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line("url", Opt(r.Url));
        if (r.Abstract is { Length: > 0 } ab)
        {
            if (ab.Any(c => char.IsControl(c) && c != '\n')) Line("abstract", Quoted(ab));
            else
            {
                sb.Append("abstract: |\n");
                foreach (var l in ab.Split('\n')) sb.Append(l.Length == 0 ? "" : "  " + l).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string? Opt(string? s) => s is null ? null : Plain(s);
    private static string Plain(string s) => Scalar(s, flow: false);

    internal static string Scalar(string s, bool flow)
    {
        bool plain = s.Length > 0
            && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1])
            && "-?:,[]{}#&*!|>'\"%@`".IndexOf(s[0]) < 0
            && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal) && !s.EndsWith(':')
            && !s.Any(c => char.IsControl(c) || c is '\uFEFF' or '\u2028' or '\u2029')
            && !(flow && s.IndexOfAny([',', '[', ']', '{', '}']) >= 0)
            && !LooksTyped().IsMatch(s);
        return plain ? s : Quoted(s);
    }

    internal static string Quoted(string s) => Publishing.YamlText.Quoted(s);

    // Scalars YAML 1.1/1.2 resolvers would read as null, booleans, numbers or dates.
    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?|[-+]?\.(inf|nan)|0x[0-9a-fA-F]+|0o[0-7]+|\d{4}-\d\d?-\d\d?.*|\d+(:\d+)+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LooksTyped();
}
