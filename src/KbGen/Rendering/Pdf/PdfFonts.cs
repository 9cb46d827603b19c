using System.Collections.Concurrent;
using KbGen.Model;
using PdfSharp;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace KbGen.Rendering.Pdf;

/// <summary>PDFsharp's process-wide font set-up. PDFsharp allows one resolver per process,
/// so this resolver maps family names that we hand out (two per <see cref="FontSet"/>: the
/// whole fonts and their working copies) to font files. DejaVu Sans is the default; kb.yaml may
/// name other files.</summary>
public static class PdfFonts
{
    public static readonly FontSet DejaVu = new(
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf");

    private static readonly object Gate = new();
    private static bool _initialised;
    private static readonly ConcurrentDictionary<string, FontSet> Families = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, byte[]> Bytes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, (byte[] Font, bool[] Has)?> WorkingCopies = new(StringComparer.Ordinal);
    private const string WorkingSuffix = "-working", WorkingFace = "working:";

    /// <summary>The characters of a working copy: those English clinical text and our own page
    /// furniture use (Latin, Greek letters, punctuation, bullets, arrows, common maths and units).
    /// A string with any other character is drawn with the whole font.</summary>
    private static readonly (int First, int Last)[] WorkingRepertoire =
    [
        (0x20, 0x7E), (0xA0, 0x17F), (0x391, 0x3C9), (0x2010, 0x205E), (0x2070, 0x209F), (0x20AC, 0x20AC),
        (0x2103, 0x2103), (0x2116, 0x2116), (0x2122, 0x2122), (0x2126, 0x2126), (0x2153, 0x215E),
        (0x2190, 0x2199), (0x21D0, 0x21D5), (0x2212, 0x2215), (0x2219, 0x221A), (0x221E, 0x221E),
        (0x2248, 0x2248), (0x2260, 0x2265), (0x25A0, 0x25A1), (0x25AA, 0x25AB), (0x25B2, 0x25B3),
        (0x25B6, 0x25B6), (0x25BA, 0x25BA), (0x25BC, 0x25BC), (0x25C0, 0x25C0), (0x25C4, 0x25C4),
        (0x25CB, 0x25CB), (0x25CF, 0x25CF), (0x25E6, 0x25E6), (0x2713, 0x2714), (0x2717, 0x2718),
        (0xFB01, 0xFB02), (0xFFFD, 0xFFFD),
    ];

    /// <summary>Once per process: the AGPL licence choice (PDFsharp 6.5 is AGPL-3.0-only) and our resolver.</summary>
    public static void EnsureInitialised()
    {
        if (_initialised) return;
        lock (Gate)
        {
            if (_initialised) return;
            PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver = new Resolver();
            GlobalFontSettings.DefaultFontEncoding = PdfFontEncoding.Unicode;
            _initialised = true;
        }
    }

    /// <summary>Reads and cuts the font set's files and has PDFsharp parse them, once per process:
    /// done on another core while a build validates and plans, it is not on the way of the first
    /// page, chart or handout that measures text.</summary>
    public static Task Prepare(FontSet? fonts) => Task.Run(() =>
    {
        var measurer = new PdfTextMeasurer(fonts);
        foreach (var style in Enum.GetValues<Layout.FontStyleKind>()) measurer.Width("Aa", style, 10);
    });

    /// <summary>The family name to use in XFont for this font set (the default when null).</summary>
    public static string Family(FontSet? fonts)
    {
        EnsureInitialised();
        var set = fonts ?? DejaVu;
        var name = "kb-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join("\n", set.Regular, set.Bold, set.Italic, set.BoldItalic))))[..12].ToLowerInvariant();
        Families.TryAdd(name, set);
        return name;
    }

    /// <summary>The family of the font set's working copies, and for each style (indexed by
    /// <see cref="Layout.FontStyleKind"/>) which characters (UTF-16 code units) its copy has; null
    /// for a style whose file could not be cut down. A working copy has only the glyphs of
    /// <see cref="WorkingRepertoire"/>, with the outlines and metrics of the whole font, so text
    /// drawn with it looks the same, and PDFsharp subsets and compresses a tenth of the data per
    /// PDF (see <see cref="TrueTypeSubset"/>).</summary>
    public static (string Family, bool[]?[] Has) Working(FontSet? fonts)
    {
        var set = fonts ?? DejaVu;
        return (Family(fonts) + WorkingSuffix, [.. new[] { set.Regular, set.Bold, set.Italic, set.BoldItalic }.Select(f => WorkingCopy(f)?.Has)]);
    }

    private static (byte[] Font, bool[] Has)? WorkingCopy(string file) => WorkingCopies.GetOrAdd(file, f =>
    {
        if (TrueTypeSubset.Create(Bytes.GetOrAdd(f, File.ReadAllBytes), WorkingRepertoire.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1))) is not { } copy)
            return null;
        var has = new bool[0x10000];
        foreach (var c in copy.Characters) has[c] = true;
        return (copy.Font, has);
    });

    private sealed class Resolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            var working = familyName.EndsWith(WorkingSuffix, StringComparison.Ordinal);
            if (!Families.TryGetValue(working ? familyName[..^WorkingSuffix.Length] : familyName, out var set))
                set = DejaVu;
            var file = (bold, italic) switch
            {
                (true, true) => set.BoldItalic,
                (true, false) => set.Bold,
                (false, true) => set.Italic,
                _ => set.Regular,
            };
            return new FontResolverInfo(working ? WorkingFace + file : file);
        }

        public byte[]? GetFont(string faceName) => faceName.StartsWith(WorkingFace, StringComparison.Ordinal)
            ? WorkingCopy(faceName[WorkingFace.Length..])?.Font
            : Bytes.GetOrAdd(faceName, File.ReadAllBytes);
    }
}
