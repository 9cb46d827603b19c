using KbGen.Diagnostics;
using KbGen.Loading.Yaml;

namespace KbGen.Tests.Support;

/// <summary>Holds the fast YAML reader to the YamlDotNet reading: whenever the fast reader returns a
/// tree, the reference reading of the same text reports nothing and gives the same tree, field by
/// field (values, styles, spans, offsets).</summary>
public static class YamlOracle
{
    /// <summary>True when the fast reader handled the text (and agreed); false when it gave up.</summary>
    public static bool Agrees(string text, string path = "x.yaml")
    {
        var fast = FastYamlReader.Read(path, text);
        if (fast is null) return false;
        var bag = new DiagnosticBag();
        var reference = YamlTreeReader.ReadWithYamlDotNet(path, text, bag);
        if (bag.Count > 0)
            throw new Xunit.Sdk.XunitException($"the fast reader accepted text that YamlDotNet reports ({string.Join("; ", bag.Sorted().Select(d => d.Message))}):\n{Show(text)}");
        if (Difference(reference.Root, fast, "$") is { } diff)
            throw new Xunit.Sdk.XunitException($"fast reader differs at {diff}\n{Show(text)}");
        return true;
    }

    /// <summary>Whether YamlDotNet reads the text into a tree without reporting anything.</summary>
    public static bool IsClean(string text)
    {
        var bag = new DiagnosticBag();
        try
        {
            return YamlTreeReader.ReadWithYamlDotNet("x.yaml", text, bag).Root is not null && bag.Count == 0;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // YamlDotNet 16.3 throws this for an escaped lone surrogate such as "\uD800\u2028"
        }
    }

    /// <summary>The first difference between two trees, as a path and both sides; null when equal.</summary>
    public static string? Difference(YNode? expected, YNode? actual, string at)
    {
        if (expected is null || actual is null)
            return expected == actual ? null : $"{at}: expected {Describe(expected)}, got {Describe(actual)}";
        if (expected.GetType() != actual.GetType() || expected.Span != actual.Span
            || expected.StartOffset != actual.StartOffset || expected.EndOffset != actual.EndOffset)
            return $"{at}: expected {Describe(expected)}, got {Describe(actual)}";
        switch (expected, actual)
        {
            case (YScalar e, YScalar a):
                return e.Value == a.Value && e.Style == a.Style ? null : $"{at}: expected {Describe(e)}, got {Describe(a)}";
            case (YMapping e, YMapping a):
                if (e.Entries.Count != a.Entries.Count) return $"{at}: expected {e.Entries.Count} entries, got {a.Entries.Count}";
                for (var i = 0; i < e.Entries.Count; i++)
                {
                    var path = $"{at}.{e.Entries[i].Key.Value}";
                    if ((Difference(e.Entries[i].Key, a.Entries[i].Key, path + "(key)") ?? Difference(e.Entries[i].Value, a.Entries[i].Value, path)) is { } d)
                        return d;
                }
                return null;
            case (YSequence e, YSequence a):
                if (e.Items.Count != a.Items.Count) return $"{at}: expected {e.Items.Count} items, got {a.Items.Count}";
                for (var i = 0; i < e.Items.Count; i++)
                    if (Difference(e.Items[i], a.Items[i], $"{at}[{i}]") is { } d)
                        return d;
                return null;
            default:
                return null;
        }
    }

    private static string Describe(YNode? n) => n switch
    {
        null => "nothing",
        YScalar s => $"{s.Style} \"{Escape(s.Value)}\" at {s.Span.Line}:{s.Span.Column} [{s.StartOffset},{s.EndOffset})",
        _ => $"{n.GetType().Name} at {n.Span.Line}:{n.Span.Column} [{n.StartOffset},{n.EndOffset})",
    };

    private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");

    private static string Show(string text) => "--- text ---\n" + text.Replace("\r", "\\r").Replace("\t", "\\t") + "\n------------";
}
