namespace KbGen.Loading.Markdown;

/// <summary>Links in content are limited to http, https and mailto (and in-page #anchors).
/// Everything else — javascript:, data:, vbscript:, relative and protocol-relative URLs — is refused.</summary>
public static class LinkRules
{
    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return false;
        var u = url.Trim();
        if (u.StartsWith('#')) return u.Length > 1 && u.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        if (u.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) return u.Length > 7 && !u.Any(char.IsControl);
        if (!Uri.TryCreate(u, UriKind.Absolute, out var uri)) return false;
        return (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host) && !u.Any(char.IsControl);
    }
}
