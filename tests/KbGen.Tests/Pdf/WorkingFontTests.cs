using System.Buffers.Binary;
using System.Text.RegularExpressions;
using KbGen.Rendering.Layout;
using KbGen.Rendering.Pdf;
using PdfSharp.Drawing;

namespace KbGen.Tests.Pdf;

/// <summary>The working copies of the fonts (a few hundred glyphs each) draw text exactly as the
/// whole fonts do, and text with other characters falls back to the whole font.</summary>
public class WorkingFontTests
{
    private static readonly FontStyleKind[] Styles = [FontStyleKind.Regular, FontStyleKind.Bold, FontStyleKind.Italic, FontStyleKind.BoldItalic];

    [Fact]
    public void Every_character_of_a_working_copy_has_the_whole_fonts_width()
    {
        var measurer = new PdfTextMeasurer();
        var (_, has) = PdfFonts.Working(null);
        var gfx = XGraphics.CreateMeasureContext(new XSize(100, 100), XGraphicsUnit.Point, XPageDirection.Downwards);
        foreach (var style in Styles)
        {
            var covered = Enumerable.Range(0, 0x10000).Where(c => has[(int)style]![c]).ToList();
            Assert.InRange(covered.Count, 400, 1000);
            foreach (var c in covered)
            {
                var text = ((char)c).ToString();
                var working = measurer.Font(style, 10, text);
                Assert.NotSame(measurer.Font(style, 10), working);
                Assert.Equal(gfx.MeasureString(text, measurer.Font(style, 10)).Width, gfx.MeasureString(text, working).Width);
            }
        }
    }

    [Fact]
    public void A_working_copy_is_a_valid_smaller_font()
    {
        var whole = File.ReadAllBytes(PdfFonts.DejaVu.Regular);
        var (font, characters) = TrueTypeSubset.Create(whole, Enumerable.Range(0x20, 0x5F))!.Value;
        Assert.Equal(Enumerable.Range(0x20, 0x5F), characters.Order());
        var glyphs = BinaryPrimitives.ReadUInt16BigEndian(Table(font, "maxp").AsSpan(4));
        Assert.InRange(glyphs, 96, 120); // .notdef, 95 characters and the parts of composite glyphs
        Assert.True(font.Length < whole.Length / 5);
        // The font's checksum (head.checkSumAdjustment) balances, as the format asks.
        uint sum = 0;
        for (var i = 0; i < font.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(i));
        Assert.Equal(0xB1B0AFBAu, sum);
    }

    [Fact]
    public void A_font_that_is_not_TrueType_gets_no_working_copy()
    {
        Assert.Null(TrueTypeSubset.Create("OTTO and more bytes than a header"u8.ToArray(), [0x41]));
        Assert.Null(TrueTypeSubset.Create(new byte[64], [0x41]));
    }

    [Fact]
    public void A_font_without_a_US_English_full_name_gets_no_working_copy()
    {
        // PDFsharp tells fonts apart by that name: a copy could not be told from its font.
        var font = File.ReadAllBytes(PdfFonts.DejaVu.Regular);
        var name = TableOffset(font, "name");
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(name + 2));
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(name + 6 + 12 * i);
            if (BinaryPrimitives.ReadUInt16BigEndian(record[6..]) == 4) BinaryPrimitives.WriteUInt16BigEndian(record[4..], 1031);
        }
        Assert.Null(TrueTypeSubset.Create(font, [0x41]));
    }

    [Fact]
    public void Text_with_a_character_outside_the_working_copy_is_drawn_with_the_whole_font()
    {
        var measurer = new PdfTextMeasurer();
        Assert.Same(measurer.Font(FontStyleKind.Regular, 10), measurer.Font(FontStyleKind.Regular, 10, "Привет"));
        var layout = new LayoutEngine(measurer).Paginate([new Paragraph("Plain text first."), new Paragraph("Then Привет мир.")], PageSpec.A4);
        using var document = PdfPainter.Paint(layout, measurer, new PdfPaintOptions(new PdfMetadata("Fallback")));
        var path = PdfTools.WriteTemp(PdfOutput.ToBytes(document, SamplePdf.Timestamp, "fallback"), "fallback.pdf");

        Assert.Contains("Plain text first. Then Привет мир.", Regex.Replace(PdfTools.Run("pdftotext", "-enc", "UTF-8", path, "-").Output, @"\s+", " "));
        var fonts = PdfTools.Run("pdffonts", path).Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        // The working copy and the whole font, both embedded as subsets under the font's own name.
        Assert.Equal(2, fonts.Count);
        Assert.All(fonts, f => Assert.Matches(@"^[A-Z]{6}\+DejaVu Sans\s.*\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$", f));
        Assert.Equal(0, PdfTools.Run("qpdf", "--check", path).ExitCode);
    }

    private static byte[] Table(byte[] font, string tag)
    {
        var offset = TableOffset(font, tag);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(Record(font, tag) + 12));
        return font[offset..(offset + length)];
    }

    private static int TableOffset(byte[] font, string tag) => (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(Record(font, tag) + 8));

    private static int Record(byte[] font, string tag)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
            if (System.Text.Encoding.ASCII.GetString(font, 12 + 16 * i, 4) == tag) return 12 + 16 * i;
        throw new InvalidOperationException($"no {tag} table");
    }
}
