using KbGen.Model;

namespace KbGen.Loading.Yaml;

/// <summary>Our own YAML tree: small, immutable, and every node knows its source position
/// (file, line, column, and character offsets into the text for Markdown position mapping).</summary>
public abstract record YNode(SourceSpan Span, int StartOffset, int EndOffset)
{
    public abstract string KindName { get; }
}

public enum ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal, Folded }

public sealed record YScalar(string Value, ScalarStyle Style, SourceSpan Span, int StartOffset, int EndOffset)
    : YNode(Span, StartOffset, EndOffset)
{
    public override string KindName => "a text value";

    /// <summary>A plain `~`, `null` or empty value: YAML's null.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

public sealed record YMapping(IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries, SourceSpan Span, int StartOffset, int EndOffset)
    : YNode(Span, StartOffset, EndOffset)
{
    public override string KindName => "a mapping";

    public YNode? Get(string key) => IndexOf(key) is var i and >= 0 ? Entries[i].Value : null;

    /// <summary>The entry's index, or -1. (An index loop: foreach over the interface boxed an
    /// enumerator per lookup, 29 MB for 1,000 topics.)</summary>
    public int IndexOf(string key)
    {
        var entries = Entries;
        for (var i = 0; i < entries.Count; i++)
            if (entries[i].Key.Value == key) return i;
        return -1;
    }
}

public sealed record YSequence(IReadOnlyList<YNode> Items, SourceSpan Span, int StartOffset, int EndOffset)
    : YNode(Span, StartOffset, EndOffset)
{
    public override string KindName => "a list";
}

/// <summary>A YAML file read into our tree, with its text kept for position mapping.</summary>
public sealed record YDocument(string Path, string Text, YNode? Root);
