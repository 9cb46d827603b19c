using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace KbGen.Rendering.Chart;

/// <summary>Appends an interpolated string to a builder with numbers in the invariant culture,
/// formatted straight into it: <c>Invariant.To(sb, $"x=\"{x:0.##}\"")</c>. StringBuilder's own
/// handler boxed every number in our ReadyToRun code (25 MB per 1,000 charts).</summary>
internal static class Invariant
{
    public static StringBuilder To(StringBuilder sb, [InterpolatedStringHandlerArgument(nameof(sb))] ref InvariantTextHandler text) => sb;
}

[InterpolatedStringHandler]
internal readonly ref struct InvariantTextHandler
{
    private readonly StringBuilder _sb;

    public InvariantTextHandler(int literalLength, int formattedCount, StringBuilder sb) => _sb = sb;

    public void AppendLiteral(string s) => _sb.Append(s);
    public void AppendFormatted(string? s) => _sb.Append(s);
    public void AppendFormatted(char c) => _sb.Append(c);

    public void AppendFormatted(double value, string format)
    {
        Span<char> buffer = stackalloc char[64];
        if (value.TryFormat(buffer, out var n, format, CultureInfo.InvariantCulture)) _sb.Append(buffer[..n]);
        else _sb.Append(value.ToString(format, CultureInfo.InvariantCulture));
    }

    public void AppendFormatted(int value)
    {
        Span<char> buffer = stackalloc char[16];
        value.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
        _sb.Append(buffer[..n]);
    }
}
