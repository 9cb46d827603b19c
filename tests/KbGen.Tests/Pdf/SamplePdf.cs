using KbGen.Rendering.Layout;
using KbGen.Rendering.Pdf;

namespace KbGen.Tests.Pdf;

/// <summary>A small multi-page handout exercising what the painter supports.</summary>
internal static class SamplePdf
{
    public static readonly DateTimeOffset Timestamp = new(2025, 9, 15, 8, 30, 0, TimeSpan.Zero);
    public const string Url = "https://kb.example.org/topics/lumbar-compression-fracture-pain";
    public const string Watermark = "DRAFT — NOT FOR CLINICAL USE";

    /// <summary>Distinct numbered sentences, so that extracted text can be checked in order.</summary>
    public static string Sentence(int i) =>
        $"S{i:000} Paracetamol 500 mg – 1 g every 6 h, ≤ 4 g/day; calcitonin 200 µg (α β γ δ) für Ältere, é ü.";

    public static List<Block> Blocks() =>
    [
        new Heading(1, "Pain management for lumbar compression fractures", "top"),
        new Paragraph([
            new Run("Bottom line: ", FontStyleKind.Bold),
            new Run("offer simple analgesia first, then review after two weeks"),
            new Run("1") { Superscript = true },
            new Run(". See "),
            Run.Url("the full topic online", Url),
            new Run(" for the evidence."),
        ]),
        new Callout("Red flags", new BulletList([
            new ListItem("New neurological deficit"),
            new ListItem(new Paragraph("Fever or weight loss"), new BulletList([new ListItem("Consider infection or malignancy")])),
        ])) { Border = Rgb.Parse("#8aa6c1") },
        new Heading(2, "Treatment", "treatment"),
        .. Enumerable.Range(1, 12).Select(i => (Block)new Paragraph(string.Join(' ', Enumerable.Range(i * 10, 4).Select(Sentence))) { SpaceAfter = 6 }),
        new Rule(),
        new Heading(2, "Scan for the online version", "qr"),
        QrCodes.Block(Url, 80),
    ];

    public static byte[] Build(string? watermark = Watermark)
    {
        var measurer = new PdfTextMeasurer();
        var layout = new LayoutEngine(measurer).Paginate(Blocks(), PageSpec.A4.WithPageNumbers());
        using var document = PdfPainter.Paint(layout, measurer, new PdfPaintOptions(new PdfMetadata("Lumbar compression fracture: pain")
        {
            Author = "Example Health Editorial Board",
            Subject = "Patient handout",
            Keywords = "spine; pain; osteoporosis",
            Language = "en-GB",
        }) { Watermark = watermark });
        return PdfOutput.ToBytes(document, Timestamp, "handouts/lumbar.pdf");
    }
}
