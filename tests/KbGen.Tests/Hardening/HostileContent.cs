using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KbGen.Tests.Support;

namespace KbGen.Tests.Hardening;

/// <summary>How a field's text is read: plain strings are escaped text, Markdown fields are
/// parsed (raw HTML and unsafe links rejected), url fields must be http(s) links.</summary>
public enum FieldKind { Plain, Markdown, Url }

/// <summary>A text field of tests/hostile/content/: its marker «name», file, 1-based line.</summary>
public sealed record HostileField(string Name, string File, int Line, FieldKind Kind, bool RawMarkdown);

/// <summary>One line of tests/hostile/payloads.txt.</summary>
public sealed record Payload(string Name, string Class, string Text)
{
    public override string ToString() => Name;
}

/// <summary>The hostile corpus: tests/hostile/payloads.txt and the content template whose every
/// text field holds a marker «field». <see cref="Write"/> fills each marker with a value,
/// YAML-double-quoted in YAML files (bidi and other characters written raw, C0 controls escaped)
/// and raw in the Markdown body of the page.</summary>
public static partial class HostileContent
{
    public static string Root => RepoRoot.Combine("tests", "hostile");
    private static string Template => Path.Combine(Root, "content");

    private static readonly HashSet<string> MarkdownFields =
    [
        "topic.summary", "clinician.claim", "clinician.nested-claim", "clinician.red-flag", "patient.summary",
        "patient.claim", "patient.red-flag", "algorithm.start-text", "algorithm.decision-text", "algorithm.end-text",
        "pitfall", "page.body",
    ];

    [GeneratedRegex("«([a-z.-]+)»")]
    private static partial Regex Marker();

    public static IReadOnlyList<Payload> Payloads { get; } = LoadPayloads();
    public static IReadOnlyList<HostileField> Fields { get; } = LoadFields();

    public static Payload Get(string name) => Payloads.Single(p => p.Name == name);

    /// <summary>The diagnostic code `kbgen check` must give a payload in a field, or null if it must accept it.</summary>
    public static string? ExpectedCode(Payload p, HostileField f) => (p.Class, f.Kind) switch
    {
        ("control", _) => "KB2017",
        (_, FieldKind.Url) => p.Class is "url" or "url-html" ? null : "KB2010",
        ("html" or "url-html", FieldKind.Markdown) => "KB2009",
        ("link", FieldKind.Markdown) => "KB2010",
        _ => null,
    };

    /// <summary>Codes that may come besides the expected one: a url with a control character is
    /// also not a link.</summary>
    public static bool AlsoAllowed(Payload p, HostileField f, string code) =>
        p.Class == "control" && f.Kind == FieldKind.Url && code == "KB2010";

    private static IReadOnlyList<Payload> LoadPayloads()
    {
        var list = new List<Payload>();
        foreach (var raw in File.ReadAllLines(Path.Combine(Root, "payloads.txt")))
        {
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            var parts = raw.Split('\t', 3);
            list.Add(new Payload(parts[0], parts[1], Unescape(parts[2])));
        }
        return list;
    }

    private static string Unescape(string s)
    {
        if (s.StartsWith("@repeat:", StringComparison.Ordinal))
        {
            var rest = s["@repeat:".Length..];
            var colon = rest.IndexOf(':');
            var n = int.Parse(rest[..colon], CultureInfo.InvariantCulture);
            return string.Concat(Enumerable.Repeat(Unescape(rest[(colon + 1)..]), n)).TrimEnd();
        }
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length) { sb.Append(s[i]); continue; }
            var c = s[++i];
            switch (c)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case '\\': sb.Append('\\'); break;
                case 'u': sb.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                default: sb.Append('\\').Append(c); break;
            }
        }
        return sb.ToString();
    }

    private static IReadOnlyList<HostileField> LoadFields()
    {
        var list = new List<HostileField>();
        foreach (var file in Directory.EnumerateFiles(Template, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(Template, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                foreach (Match m in Marker().Matches(lines[i]))
                {
                    var name = m.Groups[1].Value;
                    var kind = name == "ref.url" ? FieldKind.Url : MarkdownFields.Contains(name) ? FieldKind.Markdown : FieldKind.Plain;
                    list.Add(new HostileField(name, rel, i + 1, kind, RawMarkdown: rel.EndsWith(".md", StringComparison.Ordinal) && name == "page.body"));
                }
        }
        return list;
    }

    /// <summary>Writes the content tree into <paramref name="contentDir"/> with each field's value.</summary>
    public static void Write(string contentDir, Func<HostileField, string> value)
    {
        foreach (var file in Directory.EnumerateFiles(Template, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(Template, file).Replace('\\', '/');
            var text = Marker().Replace(File.ReadAllText(file), m =>
            {
                var field = Fields.Single(f => f.Name == m.Groups[1].Value);
                var v = value(field);
                return field.RawMarkdown ? v : YamlDoubleQuotedBody(v);
            });
            var dest = Path.Combine(contentDir, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.WriteAllText(dest, text, new UTF8Encoding(false));
        }
    }

    /// <summary>The inside of a YAML double-quoted scalar holding <paramref name="s"/>.</summary>
    public static string YamlDoubleQuotedBody(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\0': sb.Append(@"\0"); break;
                case '\u2028': sb.Append(@"\L"); break;
                case '\u2029': sb.Append(@"\P"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The hostile builds split the payloads into this many groups (payload i in group
    /// i mod Groups): every payload reaches every field, but one field holding all of them at once
    /// is more text than a chart poster's reference column can take (KB9301, an honest refusal).</summary>
    public const int Groups = 8;

    /// <summary>Every payload of <paramref name="group"/> a field must accept, joined: what the
    /// hostile build puts there (group -1: all of them). The long payloads stay out of the groups:
    /// in a chart node they make the poster refuse to fit (KB9301), so LongTextTests covers them.</summary>
    public static string AcceptedValue(HostileField f, int group) =>
        string.Join(f.Kind == FieldKind.Url ? "&u=" : " | ", Payloads
            .Where((p, i) => (group < 0 || i % Groups == group) && ExpectedCode(p, f) is null && (group < 0 || !p.Name.StartsWith("long-", StringComparison.Ordinal)))
            .Select(p => p.Text)
            .DefaultIfEmpty(f.Kind == FieldKind.Url ? "https://example.test/" : "Plain"));

    public static string AcceptedValue(HostileField f) => AcceptedValue(f, -1);

    /// <summary>Writes root/content holding group <paramref name="group"/>'s accepted values; returns the content folder.</summary>
    public static string WriteAcceptedTree(string root, int group)
    {
        var content = Path.Combine(root, "content");
        Write(content, f => AcceptedValue(f, group));
        return content;
    }
}
