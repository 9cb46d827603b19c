using KbGen.Model;

namespace KbGen.Loading.Markdown;

/// <summary>A YAML scalar's value aligned with the file's raw text: folding, quoting and escapes
/// change the text, so each visible character of the value is matched with the next identical
/// character of the raw scalar. Computed on first use, then kept.</summary>
internal sealed class ScalarPositionMap(string value, string fileText, int rawStart, int rawEnd, string path, LineIndex lines) : IPositionMap
{
    private int[]? _rawOffsets;

    public SourceSpan? PositionOf(int offset)
    {
        var raw = _rawOffsets ??= Align();
        if (offset < 0 || offset >= raw.Length || raw[offset] < 0) return null;
        var (line, col) = lines.At(raw[offset]);
        return new SourceSpan(path, line, col);
    }

    private int[] Align()
    {
        var result = new int[value.Length];
        var raw = Math.Max(0, rawStart);
        var end = Math.Min(fileText.Length, Math.Max(rawEnd, rawStart));
        for (var i = 0; i < value.Length; i++)
        {
            result[i] = -1;
            var c = value[i];
            if (char.IsWhiteSpace(c)) continue;
            var found = fileText.IndexOf(c, raw, end - raw);
            if (found < 0) continue;
            result[i] = found;
            raw = found + 1;
        }
        return result;
    }
}

/// <summary>A region of a Markdown file (a page body): offsets map directly.</summary>
internal sealed class RegionPositionMap(int start, int length, string path, LineIndex lines) : IPositionMap
{
    public SourceSpan? PositionOf(int offset)
    {
        if (offset < 0 || offset >= length) return null;
        var (line, col) = lines.At(start + offset);
        return new SourceSpan(path, line, col);
    }
}
