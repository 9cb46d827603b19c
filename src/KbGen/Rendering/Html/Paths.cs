namespace KbGen.Rendering.Html;

/// <summary>Site URLs. Every link is relative (`root` is "../" per level) so the site works from
/// any static host and from file://.</summary>
public static class SitePaths
{
    public static string Topic(string id) => $"topics/{id}/index.html";
    public static string TopicVersion(string id, int v) => $"topics/{id}/v{v}/index.html";
    public static string Changes(string id, int v) => $"topics/{id}/v{v}/changes/index.html";
    public static string Page(string name) => $"pages/{name}/index.html";
    public const string Home = "index.html";
    public const string References = "references/index.html";
    public const string WhatsNew = "whats-new/index.html";

    /// <summary>"../../" for "topics/x/index.html".</summary>
    public static string RootOf(string path) => string.Concat(Enumerable.Repeat("../", path.Count(c => c == '/')));

    /// <summary>The folder URL for sitemap and QR codes: "topics/x/".</summary>
    public static string Pretty(string path) => path.EndsWith("index.html", StringComparison.Ordinal) ? path[..^"index.html".Length] : path;
}
