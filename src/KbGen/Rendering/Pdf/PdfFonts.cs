using System.Collections.Concurrent;
using KbGen.Model;
using PdfSharp;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace KbGen.Rendering.Pdf;

/// <summary>PDFsharp's process-wide font set-up. PDFsharp allows one resolver per process,
/// so this resolver maps family names that we hand out (one per <see cref="FontSet"/>)
/// to font files. DejaVu Sans is the default; kb.yaml may name other files.</summary>
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

    private sealed class Resolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            if (!Families.TryGetValue(familyName, out var set))
                set = DejaVu;
            var file = (bold, italic) switch
            {
                (true, true) => set.BoldItalic,
                (true, false) => set.Bold,
                (false, true) => set.Italic,
                _ => set.Regular,
            };
            return new FontResolverInfo(file);
        }

        public byte[]? GetFont(string faceName) => Bytes.GetOrAdd(faceName, File.ReadAllBytes);
    }
}
