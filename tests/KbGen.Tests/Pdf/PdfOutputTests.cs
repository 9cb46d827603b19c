using System.Text.RegularExpressions;
using KbGen.Rendering.Layout;
using KbGen.Rendering.Pdf;

namespace KbGen.Tests.Pdf;

public class PdfOutputTests
{
    private static readonly Lazy<byte[]> Sample = new(() => SamplePdf.Build());
    private static string SamplePath => PdfTools.WriteTemp(Sample.Value, "sample.pdf");

    [Fact]
    public void Text_comes_out_in_order_with_nothing_lost_across_page_breaks()
    {
        var (code, text) = PdfTools.Run("pdftotext", "-enc", "UTF-8", SamplePath, "-");
        Assert.Equal(0, code);
        var flat = Regex.Replace(text, @"\s+", " ");
        // Every sentence of the 12 treatment paragraphs, whole and in order, Unicode intact.
        var last = -1;
        foreach (var i in Enumerable.Range(1, 12).SelectMany(p => Enumerable.Range(p * 10, 4)))
        {
            var at = flat.IndexOf(SamplePdf.Sentence(i), StringComparison.Ordinal);
            Assert.True(at > last, $"sentence {i} missing or out of order");
            last = at;
        }
        Assert.Contains("Bottom line: offer simple analgesia first", flat);
        Assert.Contains("the full topic online", flat);
        Assert.Contains("Red flags", flat);
        Assert.Contains("Consider infection or malignancy", flat);
        Assert.Matches(@"Page 1 of [2-9]", flat);
    }

    [Fact]
    public void Fonts_are_all_embedded()
    {
        var (code, output) = PdfTools.Run("pdffonts", SamplePath);
        Assert.Equal(0, code);
        var rows = output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(rows);
        // Columns: name type encoding emb sub uni object ID; emb must be "yes" for every font.
        Assert.All(rows, r => Assert.Matches(@"\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$", r));
    }

    [Fact]
    public void Page_size_and_metadata_are_set()
    {
        var (code, info) = PdfTools.Run("pdfinfo", "-isodates", SamplePath);
        Assert.Equal(0, code);
        Assert.Contains("Title:           Lumbar compression fracture: pain", info);
        Assert.Contains("Author:          Example Health Editorial Board", info);
        Assert.Contains("Subject:         Patient handout", info);
        Assert.Contains("Keywords:        spine; pain; osteoporosis", info);
        Assert.Contains("CreationDate:    2025-09-15T08:30:00", info);
        Assert.Matches(@"Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)", info);
        Assert.Matches(@"Pages:\s+[2-9]", info);
        Assert.Matches(@"/Lang\s*\(en-GB\)", System.Text.Encoding.Latin1.GetString(Sample.Value));
    }

    [Fact]
    public void Qpdf_finds_no_errors()
    {
        var (code, output) = PdfTools.Run("qpdf", "--check", SamplePath);
        Assert.True(code == 0, output);
        Assert.Contains("No syntax or stream encoding errors", output);
    }

    [Fact]
    public void Building_twice_gives_identical_bytes()
    {
        var again = SamplePdf.Build();
        Assert.Equal(Sample.Value, again);
    }

    [Fact]
    public void Timestamp_and_identity_are_what_varies()
    {
        var measurer = new PdfTextMeasurer();
        byte[] Build(DateTimeOffset t, string id)
        {
            var layout = new LayoutEngine(measurer).Paginate([new Paragraph([Run.Url("link", "https://example.org")])], PageSpec.A4);
            using var doc = PdfPainter.Paint(layout, measurer, new PdfPaintOptions(new PdfMetadata("T")));
            return PdfOutput.ToBytes(doc, t, id);
        }
        var a = Build(SamplePdf.Timestamp, "a");
        Assert.Equal(a, Build(SamplePdf.Timestamp, "a"));
        Assert.NotEqual(a, Build(SamplePdf.Timestamp.AddDays(1), "a"));
        Assert.NotEqual(a, Build(SamplePdf.Timestamp, "b"));
        var text = System.Text.Encoding.Latin1.GetString(a);
        Assert.DoesNotContain("D:2026", text.Replace("D:20250915", "")); // no "now" anywhere
        Assert.Matches(@"/ID\[<([0-9A-F]{32})><\1>\]", text);
    }

    [Fact]
    public void Links_are_clickable_annotations_and_the_watermark_is_real_text()
    {
        var raw = System.Text.Encoding.Latin1.GetString(Sample.Value);
        Assert.Contains("/Subtype/Link", raw);
        Assert.Contains("/URI(" + SamplePdf.Url + ")", raw);
        // Watermark: extracted as text on every page (pdftotext -raw keeps drawing order: it comes first).
        var (_, pages) = PdfTools.Run("pdfinfo", SamplePath);
        var count = int.Parse(Regex.Match(pages, @"Pages:\s+(\d+)").Groups[1].Value);
        for (var p = 1; p <= count; p++)
        {
            var (_, text) = PdfTools.Run("pdftotext", "-raw", "-f", p.ToString(), "-l", p.ToString(), SamplePath, "-");
            Assert.StartsWith(SamplePdf.Watermark.Replace(" ", ""), Regex.Replace(text, @"\s+", ""));
        }
        var (_, without) = PdfTools.Run("pdftotext", PdfTools.WriteTemp(SamplePdf.Build(watermark: null), "plain.pdf"), "-");
        Assert.DoesNotContain("DRAFT", without);
    }

    [Fact]
    public void Qr_code_embeds_as_a_sharp_image_of_one_pixel_per_module()
    {
        var (code, list) = PdfTools.Run("pdfimages", "-list", SamplePath);
        Assert.Equal(0, code);
        // The QR code: embedded as an indexed-RGB image of one pixel per module (41 = 33 modules
        // and the quiet zone), drawn without interpolation so that the modules stay sharp.
        Assert.Matches(@"image\s+41\s+41\s+(index|rgb)\s+\d+\s+\d+\s+image\s+no\b", list);
    }

    [Fact]
    public void Bookmarks_follow_the_headings()
    {
        var (code, json) = PdfTools.Run("qpdf", "--json=2", "--json-key=outlines", SamplePath);
        Assert.Equal(0, code);
        var outlines = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("outlines");
        var top = Assert.Single(outlines.EnumerateArray());
        Assert.Equal("Pain management for lumbar compression fractures", top.GetProperty("title").GetString());
        Assert.Equal(1, top.GetProperty("destpageposfrom1").GetInt32());
        // Destination: the heading's top in PDF space, i.e. near the top of the page.
        Assert.Equal(841.89 - 56.69, top.GetProperty("dest")[3].GetDouble(), 1);
        Assert.Equal(["Treatment", "Scan for the online version"],
            top.GetProperty("kids").EnumerateArray().Select(k => k.GetProperty("title").GetString()!).ToArray());
    }

    [Fact]
    public void Measurer_widths_scale_with_size_and_differ_by_style()
    {
        var m = new PdfTextMeasurer();
        var w10 = m.Width("Paracetamol", FontStyleKind.Regular, 10);
        Assert.Equal(2 * w10, m.Width("Paracetamol", FontStyleKind.Regular, 20), 3);
        Assert.True(m.Width("Paracetamol", FontStyleKind.Bold, 10) > w10);
        Assert.InRange(m.LineHeight(FontStyleKind.Regular, 10), 10, 13);
        Assert.InRange(m.Ascent(FontStyleKind.Regular, 10), 7, 10);
    }
}
