using System.Collections.Concurrent;
using KbGen.Diagnostics;
using KbGen.Loading.Markdown;
using KbGen.Model;
using KbGen.Output;
using KbGen.References.Styles;
using KbGen.Rendering;
using KbGen.Rendering.Chart;
using KbGen.Rendering.Html;
using KbGen.Rendering.Pdf;

namespace KbGen.Building;

/// <summary>Algorithm charts: each topic's layout is computed once and drawn twice — as SVG for
/// its page and as a PDF poster in charts/ — so the web and the print never disagree.</summary>
public sealed class ChartStage(KnowledgeBase kb, IReadOnlyList<string> papers) : IDisposable
{
    private readonly ConcurrentDictionary<Topic, ChartLayout> _layouts = new(ReferenceEqualityComparer.Instance);
    private readonly ThreadLocal<PdfTextMeasurer> _measurers = new(() => new PdfTextMeasurer(kb.Settings.Fonts));

    public ChartLayout? Layout(Topic t, CitationNumbering numbering) =>
        t.Algorithm is null ? null : _layouts.GetOrAdd(t, topic => ChartLayoutEngine.Compute(topic.Algorithm!, _measurers.Value!, numbering.NumberOf));

    public (string Svg, string TextList)? Html(Topic t, CitationNumbering numbering) =>
        Layout(t, numbering) is { } layout
            ? (SvgChartPainter.Paint(layout, "chart-" + t.Id), ChartTextList.ToHtml(layout, "chart-" + t.Id, 4, algorithm: t.Algorithm,
                referenceId: num => num >= 1 && num <= numbering.References.Count ? numbering.References[num - 1].Id : null))
            : null;

    /// <summary>charts/&lt;topic&gt;-algorithm.pdf for every shown topic with an algorithm.</summary>
    public int WritePdfs(IReadOnlyList<ShownTopic> topics, IOutputSink sink, DateTimeOffset timestamp, DiagnosticBag diagnostics, int parallelism)
    {
        var count = 0;
        var disclaimer = kb.Pages.FirstOrDefault(p => p.Name == "disclaimer") is { } d ? PlainText.Of(d.Body.Source) : "";
        Parallel.ForEach(topics.Where(s => s.Topic.Algorithm is not null), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, shown =>
        {
            var t = shown.Topic;
            var numbering = new CitationNumbering(t, id => shown.References.FirstOrDefault(r => r.Id == id));
            var layout = Layout(t, numbering)!;
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
                return;
            }
            sink.WriteBytes($"charts/{t.Id}-algorithm.pdf", PdfOutput.ToBytes(result.Document!, timestamp, $"chart/{t.Id}/{shown.Version}/{result.Paper}"));
            Interlocked.Increment(ref count);
        });
        return count;
    }

    public void Dispose() => _measurers.Dispose();
}
