namespace KbGen.Loading;

/// <summary>Maps character offsets in a file's text to 1-based line and column. Line breaks are
/// those YAML knows: LF, CRLF and a lone CR, so positions agree with the parser's.</summary>
public sealed class LineIndex
{
    private readonly int[] _starts;

    public LineIndex(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) starts.Add(i + 1);
        _starts = starts.ToArray();
    }

    public (int Line, int Column) At(int offset)
    {
        var i = Array.BinarySearch(_starts, offset);
        if (i < 0) i = ~i - 1;
        return (i + 1, offset - _starts[i] + 1);
    }
}
