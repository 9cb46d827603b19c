using System.Collections.Concurrent;
using KbGen.Diagnostics;
using KbGen.Model;
using KbGen.Output;
using KbGen.References.Styles;
using KbGen.Rendering;
using KbGen.Rendering.Chart;
using KbGen.Rendering.Html;
using KbGen.Rendering.Pdf;

namespace KbGen.Building;

/// <summary>Algorithm charts: each topic's layout is computed once and drawn twice — as SVG for
/// its page and as a PDF poster in charts/ — so the web and the print never disagree.
///
/// When the site is built too, the poster is drawn right when the page asks for the SVG (the
/// layout is then dropped), so layouts are never all held at once: memory stays flat as the
/// knowledge base grows. <see cref="WritePdfs"/> then writes only the posters not yet written.</summary>
public sealed class ChartStage(KnowledgeBase kb, IReadOnlyList<string> papers) : IDisposable
{
    private readonly ThreadLocal<PdfTextMeasurer> _measurers = new(() => new PdfTextMeasurer(kb.Settings.Fonts));
    private readonly ConcurrentDictionary<Topic, bool> _written = new(ReferenceEqualityComparer.Instance);
    private Dictionary<Topic, ShownTopic>? _posters;
    private IOutputSink? _sink;
    private DateTimeOffset _timestamp;
    private DiagnosticBag? _diagnostics;
    private long _posterTicks;

    /// <summary>Time spent drawing and writing posters while pages were rendered (summed over threads).</summary>
    public TimeSpan PosterTimeDuringHtml => TimeSpan.FromTicks(Interlocked.Read(ref _posterTicks));

    /// <summary>Draw the posters of <paramref name="topics"/> as their pages are rendered.</summary>
    public void WritePostersWithPages(IReadOnlyList<ShownTopic> topics, IOutputSink sink, DateTimeOffset timestamp, DiagnosticBag diagnostics)
    {
        _posters = new Dictionary<Topic, ShownTopic>(ReferenceEqualityComparer.Instance);
        foreach (var s in topics) _posters.TryAdd(s.Topic, s);
        (_sink, _timestamp, _diagnostics) = (sink, timestamp, diagnostics);
    }

    public ChartLayout? Layout(Topic t, CitationNumbering numbering) =>
        t.Algorithm is null ? null : ChartLayoutEngine.Compute(t.Algorithm, _measurers.Value!, numbering.NumberOf);

    public (string Svg, string TextList)? Html(Topic t, CitationNumbering numbering)
    {
        if (Layout(t, numbering) is not { } layout) return null;
        if (_posters is not null && _posters.TryGetValue(t, out var shown) && _written.TryAdd(t, false))
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            _written[t] = WritePdf(shown, layout, numbering, _sink!, _timestamp, _diagnostics!);
            Interlocked.Add(ref _posterTicks, sw.Elapsed.Ticks);
        }
        return (SvgChartPainter.Paint(layout, "chart-" + t.Id), ChartTextList.ToHtml(layout, "chart-" + t.Id, 4, algorithm: t.Algorithm,
            referenceId: num => num >= 1 && num <= numbering.References.Count ? numbering.References[num - 1].Id : null));
    }

    /// <summary>charts/&lt;topic&gt;-algorithm.pdf for every shown topic with an algorithm (those
    /// already written with their pages are counted, not drawn again).</summary>
    public int WritePdfs(IReadOnlyList<ShownTopic> topics, IOutputSink sink, DateTimeOffset timestamp, DiagnosticBag diagnostics, int parallelism)
    {
        var count = 0;
        Parallel.ForEach(topics.Where(s => s.Topic.HasAlgorithm), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, shown =>
        {
            if (_written.TryGetValue(shown.Topic, out var done))
            {
                if (done) Interlocked.Increment(ref count);
                return;
            }
            var numbering = new CitationNumbering(shown.Topic, id => shown.References.FirstOrDefault(r => r.Id == id));
            if (WritePdf(shown, Layout(shown.Topic, numbering)!, numbering, sink, timestamp, diagnostics)) Interlocked.Increment(ref count);
        });
        return count;
    }

    private string? _disclaimer;

    /// <summary>The poster, drawn from the layout the page's SVG came from; its reference list is
    /// numbered by the same <paramref name="numbering"/> as the layout's superscripts.</summary>
    private bool WritePdf(ShownTopic shown, ChartLayout layout, CitationNumbering numbering, IOutputSink sink, DateTimeOffset timestamp, DiagnosticBag diagnostics)
    {
        // As on handouts: its headings run into their text as sentences ("For patients. Talk to ...").
        var disclaimer = _disclaimer ??= kb.Pages.FirstOrDefault(p => p.Name == "disclaimer") is { } d
            ? string.Concat(Rendering.Handouts.MarkdownRuns.Of(d.Body, null).Select(r => r.Text)) : "";
        var t = shown.Topic;
        var result = PdfChartPainter.Paint(layout, new ChartPdfRequest
        {
            TopicId = t.Id,
            Title = t.Title,
            Question = t.Question,
            Version = shown.Version is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ApprovedOn = t.Review.Status == ReviewStatus.Approved ? t.Review.LastApproval?.Date : null,
            References = numbering.References.Select(r => CitationStyles.Format(r, kb.Settings.CitationStyle).PlainText).ToList(),
            Disclaimer = disclaimer,
            Paper = papers[0],
            LargerPapers = papers.Skip(1).ToList(),
            Fonts = kb.Settings.Fonts,
        }, _measurers.Value!);
        if (!result.Success)
        {
            diagnostics.Add(DiagnosticCodes.ChartTooLarge, t.Algorithm!.Span, result.Error!);
            return false;
        }
        using var document = result.Document!; // see HandoutWriter: PdfDocument has a finalizer
        sink.WriteBytes($"charts/{t.Id}-algorithm.pdf", PdfOutput.ToBytes(document, timestamp, $"chart/{t.Id}/{shown.Version}/{result.Paper}"));
        return true;
    }

    public void Dispose() => _measurers.Dispose();
}
