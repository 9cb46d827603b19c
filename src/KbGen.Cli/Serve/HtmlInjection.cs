namespace KbGen.Cli.Serve;

/// <summary>Adds the preview's own tags to an HTML page on its way out: the reload script and the
/// overlay style sheet into the head, the failed-build overlay (when there is one) at the start
/// of the body. The files on disk are never changed.</summary>
public static class HtmlInjection
{
    public static string Inject(string html, string generation, string? overlayHtml)
    {
        var head = $"<meta name=\"{ClientAssets.GenerationMeta}\" content=\"{System.Net.WebUtility.HtmlEncode(generation)}\">"
                 + $"<link rel=\"stylesheet\" href=\"{ClientAssets.OverlayCssPath}\">"
                 + $"<script src=\"{ClientAssets.ReloadScriptPath}\" defer></script>";
        var headEnd = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        html = headEnd >= 0 ? html.Insert(headEnd, head) : head + html;
        if (overlayHtml is null) return html;

        var body = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var bodyOpenEnd = body >= 0 ? html.IndexOf('>', body) : -1;
        return bodyOpenEnd >= 0 ? html.Insert(bodyOpenEnd + 1, overlayHtml) : html + overlayHtml;
    }

    /// <summary>A page for when there is no built page to show (the first build failed or is running).</summary>
    public static string Placeholder(string title, string message) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{System.Net.WebUtility.HtmlEncode(title)} · kbgen serve</title>
        </head>
        <body>
        <main><h1>{System.Net.WebUtility.HtmlEncode(title)}</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p></main>
        </body>
        </html>

        """;
}
