using System.Buffers;
using System.Globalization;
using System.Text;

namespace KbGen.Rendering.Html;

/// <summary>Where a page is put together, one per thread and reused: the page template renders
/// into one builder, the layout into another with a marker where the page goes, and the two are
/// encoded together straight into a pooled UTF-8 buffer. A topic page was otherwise built three
/// times over as strings (page, layout around it, bytes): 300 KB of garbage per page, and the
/// collections that garbage costs were a quarter of an HTML-only build (docs/benchmarks.md).</summary>
internal sealed class PageBuffer : IDisposable
{
    /// <summary>What the layout gets as `bodyHtml`. A layout that writes it once, unescaped (as
    /// `{{{bodyHtml}}}`), has the page spliced in its place; any other layout is rendered again
    /// with the page itself, so no layout can tell the difference.</summary>
    public const string Marker = "<!--kbgen:page-body-->";

    private static readonly UTF8Encoding Utf8 = new(false);
    [ThreadStatic] private static PageBuffer? _current;

    private readonly StringBuilder _body = new(64 * 1024);
    private readonly StringBuilder _layout = new(8 * 1024);

    private PageBuffer()
    {
        Body = new StringWriter(_body, CultureInfo.InvariantCulture);
        Layout = new StringWriter(_layout, CultureInfo.InvariantCulture);
    }

    /// <summary>This thread's buffer, emptied, until disposed (a page begun while another is
    /// still open on the same thread gets a buffer of its own).</summary>
    public static PageBuffer Rent()
    {
        var b = _current ?? new PageBuffer();
        _current = null;
        b._body.Clear();
        b._layout.Clear();
        return b;
    }

    /// <summary>Back to the thread for the next page, unless a listing page of many topics grew
    /// it past a megabyte: a thread should not keep that for good (serve runs for hours).</summary>
    public void Dispose()
    {
        if (_body.Capacity <= MaxKept && _layout.Capacity <= MaxKept) _current = this;
    }

    private const int MaxKept = 1 << 20;

    public TextWriter Body { get; }
    public TextWriter Layout { get; }

    /// <summary>The page as a string, for a layout that needs it as one.</summary>
    public string BodyText() => _body.ToString();

    /// <summary>Calls <paramref name="write"/> with the UTF-8 of the layout with the page in place
    /// of its one marker; false, without calling it, if the layout has no marker or more than one.</summary>
    public bool TryWrite(Action<ReadOnlySpan<byte>> write)
    {
        var layout = _layout.ToString();
        var at = layout.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || layout.IndexOf(Marker, at + 1, StringComparison.Ordinal) >= 0) return false;
        var tail = layout.AsSpan(at + Marker.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(at + _body.Length + tail.Length));
        try
        {
            var n = Utf8.GetBytes(layout.AsSpan(0, at), buffer);
            // The builder's chunks may split a surrogate pair: encode them as one stream.
            var encoder = Utf8.GetEncoder();
            foreach (var chunk in _body.GetChunks())
                n += encoder.GetBytes(chunk.Span, buffer.AsSpan(n), flush: false);
            n += encoder.GetBytes(tail, buffer.AsSpan(n), flush: true);
            write(buffer.AsSpan(0, n));
            return true;
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }
}
