using KbGen.Loading;
namespace KbGen.Cli.Serve;

public enum Lookup { Found, NotFound, BadRequest, AddSlash }

/// <summary>The outcome of mapping a URL path to a file: the real path when found.</summary>
public readonly record struct Resolved(Lookup Outcome, string? File = null, string? Root = null)
{
    public static readonly Resolved NotFound = new(Lookup.NotFound);
    public static readonly Resolved Bad = new(Lookup.BadRequest);
}

/// <summary>Maps a request path to a file of the output folder: /pdf/… → output/pdf, /charts/… →
/// output/charts, everything else → output/site. It never yields a file outside the output:
/// suspicious paths (dot segments, empty segments, backslashes, control characters, anything
/// still percent-encoded after decoding, such as %2F) are refused outright, and what remains is
/// resolved to its real path (every symbolic link followed) and must lie under the real output
/// root — so a symlink pointing outside is not found.</summary>
public static class OutputPaths
{
    /// <param name="outputDir">The output folder (normally a symlink to `.output-&lt;id&gt;/`).</param>
    /// <param name="urlPath">The decoded request path, starting with '/'.</param>
    public static Resolved Resolve(string outputDir, string? urlPath)
    {
        if (string.IsNullOrEmpty(urlPath) || urlPath[0] != '/') return Resolved.Bad;
        foreach (var c in urlPath)
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '%' || c == ':') return Resolved.Bad;

        var segments = urlPath[1..].Split('/');
        var wantsFolder = urlPath.EndsWith('/');
        var count = wantsFolder ? segments.Length - 1 : segments.Length;
        for (var i = 0; i < count; i++)
        {
            var s = segments[i];
            if (s.Length == 0 || s == "." || s == "..") return Resolved.Bad;
            if (s[0] == '.' || s[^1] == '.' || s[^1] == ' ') return Resolved.NotFound; // hidden files, Windows aliases
        }

        // One snapshot of the output: the real folder the output link points to now.
        var realRoot = ContentPaths.RealPath(outputDir);
        if (realRoot is null) return Resolved.NotFound;

        var parts = segments.Take(count).ToList();
        string area = "site";
        if (parts.Count > 0 && parts[0] is "pdf" or "charts")
        {
            area = parts[0];
            parts.RemoveAt(0);
        }
        var candidate = Path.Combine([realRoot, area, .. parts]);
        if (wantsFolder || parts.Count == 0 && area == "site")
        {
            if (!wantsFolder && urlPath != "/") return new Resolved(Lookup.AddSlash);
            candidate = Path.Combine(candidate, "index.html");
        }
        else if (Directory.Exists(candidate))
        {
            var realDir = ContentPaths.RealPath(candidate);
            return realDir is not null && ContentPaths.IsUnder(realDir, realRoot) ? new Resolved(Lookup.AddSlash) : Resolved.NotFound;
        }

        var real = ContentPaths.RealPath(candidate);
        if (real is null || !ContentPaths.IsUnder(real, realRoot) || !File.Exists(real)) return Resolved.NotFound;
        return new Resolved(Lookup.Found, real, realRoot);
    }

    /// <summary>The site's 404 page of the current output, when it has one.</summary>
    public static string? NotFoundPage(string outputDir)
    {
        var realRoot = ContentPaths.RealPath(outputDir);
        if (realRoot is null) return null;
        var real = ContentPaths.RealPath(Path.Combine(realRoot, "site", "404.html"));
        return real is not null && ContentPaths.IsUnder(real, realRoot) && File.Exists(real) ? real : null;
    }
}
