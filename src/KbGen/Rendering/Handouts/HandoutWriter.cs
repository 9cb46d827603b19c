using KbGen.Rendering.Layout;
using KbGen.Rendering.Pdf;

namespace KbGen.Rendering.Handouts;

/// <summary>Handout request → PDF bytes: compose blocks, paginate, paint, save deterministically.</summary>
public static class HandoutWriter
{
    public const string DraftWatermark = "DRAFT — NOT FOR CLINICAL USE";

    public static PageSpec Page(string paper) =>
        (paper == "letter" ? PageSpec.Letter : PageSpec.A4) with { Margins = Margins.All(48) };

    public static byte[] Write(HandoutRequest r, PdfTextMeasurer measurer)
    {
        using var buffer = new MemoryStream(64 * 1024);
        WriteTo(r, measurer, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the PDF into <paramref name="buffer"/>, which must be empty; the PDF is
    /// then <c>buffer.GetBuffer()[..buffer.Length]</c>.</summary>
    public static void WriteTo(HandoutRequest r, PdfTextMeasurer measurer, MemoryStream buffer)
    {
        var blocks = HandoutComposer.Compose(r);
        var title = r.Topic.Title;
        var page = Page(r.Paper).WithPageNumbers($"{Escape(title)} · Page {{0}} of {{1}}");
        var layout = new LayoutEngine(measurer).Paginate(blocks, page);
        var kind = r.Audience == HandoutAudience.Patient ? "Patient handout" : "Clinician summary";
        var metadata = new PdfMetadata($"{title} — {kind}")
        {
            Author = r.Clinic?.Name ?? r.Settings.Publisher,
            Subject = r.Topic.Question,
            Keywords = string.Join(", ", r.Topic.Tags),
            Language = r.Settings.Language,
        };
        // Disposed once saved: PdfDocument has a finalizer, so an undisposed one survives its first
        // garbage collection with all it references (the whole handout), and every collection
        // in the pdf stage had to be a generation 1 one to reclaim them.
        using var doc = PdfPainter.Paint(layout, measurer, new PdfPaintOptions(metadata) { Watermark = r.Draft ? DraftWatermark : null });
        PdfOutput.SaveTo(doc, buffer, r.Timestamp, $"{r.Topic.Id}/{r.Audience}/{r.Version}/{r.Clinic?.Id}/{r.Paper}");
    }

    private static string Escape(string s) => s.Replace("{", "{{").Replace("}", "}}");
}
