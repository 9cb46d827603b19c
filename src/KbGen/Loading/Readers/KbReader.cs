using KbGen.Diagnostics;
using KbGen.Loading.Yaml;
using KbGen.Model;

namespace KbGen.Loading.Readers;

public static class KbReader
{
    private static readonly string[] Styles = ["vancouver", "ama"];

    public static KbSettings? Read(YNode? root, FileContext file, string contentRoot)
    {
        var m = MapReader.Of(root, file, "kb.yaml");
        if (m is null) return null;
        var title = m.String("title", required: true);
        var publisher = m.String("publisher", required: true);
        var baseUrlNode = m.Scalar("base-url", required: true);
        var baseUrl = m.String("base-url", required: true);
        var language = m.String("language") ?? "en";
        var interval = m.Int("review-interval-months", min: 1, max: 120) ?? 12;
        var style = m.Enum("citation-style", Styles) ?? "vancouver";
        var pages = m.StringList("pages");
        foreach (var p in pages)
            if (!IdRules.IsValidId(p))
                file.Diagnostics.Add(DiagnosticCodes.InvalidId, m.Node("pages")!.Span, $"page name '{p}' must be lower-case words joined by hyphens");
        var fonts = ReadFonts(m.Mapping("fonts"), file, contentRoot);
        m.Done();

        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var u) && (u.Scheme == "https" || u.Scheme == "http")))
        {
            file.Diagnostics.Add(DiagnosticCodes.InvalidUrl, baseUrlNode!.Span, $"base-url '{baseUrl}' must be an absolute http or https URL");
            baseUrl = null;
        }
        if (title is null || publisher is null || baseUrl is null) return null;
        return new KbSettings
        {
            Title = title, Publisher = publisher, BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/",
            Language = language, ReviewIntervalMonths = interval, CitationStyle = style,
            Pages = pages.Where(IdRules.IsValidId).ToList(), Fonts = fonts, Span = m.Span,
        };
    }

    private static FontSet? ReadFonts(MapReader? m, FileContext file, string contentRoot)
    {
        if (m is null) return null;
        string? One(string key, bool required)
        {
            var node = m.Scalar(key, required);
            if (node is null) return null;
            var path = Path.GetFullPath(Path.Combine(contentRoot, node.Value));
            // An existing font is judged by where its links lead; a missing one by its written path.
            var outside = File.Exists(path) ? !ContentPaths.IsInsideReal(path, contentRoot) : !ContentPaths.IsInside(path, contentRoot);
            if (outside)
            {
                file.Diagnostics.Add(DiagnosticCodes.OutsideContent, node.Span, $"font '{node.Value}' is outside the content folder");
                return null;
            }
            if (!File.Exists(path) || !LooksLikeFont(path))
            {
                file.Diagnostics.Add(DiagnosticCodes.MissingFont, node.Span, $"font file '{node.Value}' does not exist or is not a TrueType/OpenType font");
                return null;
            }
            return path;
        }
        var regular = One("regular", true);
        var bold = One("bold", false);
        var italic = One("italic", false);
        var boldItalic = One("bold-italic", false);
        m.Done();
        return regular is null ? null : new FontSet(regular, bold ?? regular, italic ?? regular, boldItalic ?? bold ?? regular);
    }

    private static bool LooksLikeFont(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var f = File.OpenRead(path);
        if (f.Read(head) < 4) return false;
        return (head[0] == 0 && head[1] == 1 && head[2] == 0 && head[3] == 0) || head.SequenceEqual("OTTO"u8) || head.SequenceEqual("true"u8);
    }
}
