using KbGen.Publishing;
using KbGen.Model;
using KbGen.Output;
using KbGen.Rendering.Handouts;
using KbGen.Rendering.Html;
using KbGen.Rendering.Pdf;

namespace KbGen.Building;

/// <summary>Writes pdf/&lt;topic&gt;-patient.pdf and pdf/&lt;topic&gt;-clinician.pdf (or the audiences
/// asked for) for every shown topic, in parallel. PDFs are produced one at a time per worker and written straight out, so memory
/// does not grow with the number of topics.</summary>
public static class HandoutStage
{
    public static int Run(KnowledgeBase kb, IReadOnlyList<ShownTopic> topics, IReadOnlyList<HandoutAudience> audiences, Channel channel, DateTimeOffset timestamp, IOutputSink sink, int parallelism)
    {
        var count = 0;
        using var measurers = new ThreadLocal<PdfTextMeasurer>(() => new PdfTextMeasurer(kb.Settings.Fonts));
        // One PDF buffer per worker, reused: a clinician summary is over 85 KB, so a fresh buffer
        // (and its growth, and a copy for the sink) lands on the large object heap per PDF, and
        // with the CLI's GC settings every such collection was a full (gen 2) one.
        using var buffers = new ThreadLocal<MemoryStream>(() => new MemoryStream(256 * 1024));
        var disclaimer = kb.Pages.FirstOrDefault(p => p.Name == "disclaimer");
        Parallel.ForEach(topics, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, shown =>
        {
            foreach (var audience in audiences)
            {
                var request = Request(kb, shown, audience, null, null, disclaimer, channel, timestamp);
                var buffer = buffers.Value!;
                buffer.SetLength(0);
                HandoutWriter.WriteTo(request, measurers.Value!, buffer);
                sink.WriteBytes(PathOf(shown.Topic.Id, audience), buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                Interlocked.Increment(ref count);
            }
        });
        return count;
    }

    /// <summary>Where a topic's handout for an audience goes in the output.</summary>
    public static string PathOf(string topicId, HandoutAudience audience) =>
        $"pdf/{topicId}-{(audience == HandoutAudience.Patient ? "patient" : "clinician")}.pdf";

    public static HandoutRequest Request(KnowledgeBase kb, ShownTopic shown, HandoutAudience audience, Clinic? clinic, string? paper,
        Page? disclaimer, Channel channel, DateTimeOffset timestamp)
    {
        var refs = shown.References;
        return new HandoutRequest
        {
            Topic = shown.Topic,
            Settings = kb.Settings,
            Audience = audience,
            Lookup = id => refs.FirstOrDefault(r => r.Id == id),
            Clinic = clinic,
            Paper = paper ?? clinic?.Paper ?? "a4",
            Version = shown.Version,
            PageUrl = kb.Settings.BaseUrl + SitePaths.Pretty(shown.Version is { } v && !shown.IsWorkingCopy
                ? SitePaths.TopicVersion(shown.Topic.Id, v) : SitePaths.Topic(shown.Topic.Id)),
            Disclaimer = disclaimer,
            Draft = shown.Topic.Review.Status != ReviewStatus.Approved,
            Timestamp = timestamp,
        };
    }
}
