using System.Net;
using System.Text;
using KbGen.Diagnostics;

namespace KbGen.Cli.Serve;

/// <summary>One diagnostic with the lines of its file around the place it points at, read once,
/// when the build failed (so the overlay shows the file as it was built).</summary>
public sealed record DiagnosticView(Diagnostic Diagnostic, string DisplayFile, IReadOnlyList<(int Number, string Text)> Lines)
{
    public const int Context = 2;
    private const long MaxExcerptFileBytes = 4 * 1024 * 1024;

    public static DiagnosticView From(Diagnostic d)
    {
        var file = d.Span.File;
        var display = Display(file);
        var lines = new List<(int, string)>();
        if (d.Span.IsKnown && file.Length > 0)
        {
            try
            {
                var info = new FileInfo(file);
                if (info.Exists && info.Length <= MaxExcerptFileBytes)
                {
                    var all = File.ReadAllLines(file);
                    var from = Math.Max(1, d.Span.Line - Context);
                    var to = Math.Min(all.Length, d.Span.Line + Context);
                    for (var n = from; n <= to; n++) lines.Add((n, all[n - 1].TrimEnd('\r')));
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return new DiagnosticView(d, display, lines);
    }

    /// <summary>A path relative to the working directory when it is inside it.</summary>
    public static string Display(string file)
    {
        if (file.Length == 0) return "kbgen";
        try
        {
            var full = Path.GetFullPath(file);
            var rel = Path.GetRelativePath(Environment.CurrentDirectory, full);
            return rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? full : rel;
        }
        catch (ArgumentException) { return file; }
    }

    /// <summary>The same text for the terminal: the diagnostic line, then the marked source lines.</summary>
    public string ToTerminal()
    {
        var d = Diagnostic;
        var sb = new StringBuilder(d.ToString()).Append('\n');
        var width = Lines.Count == 0 ? 0 : Lines.Max(l => l.Number).ToString().Length;
        foreach (var (n, text) in Lines)
        {
            var mark = n == d.Span.Line ? '>' : ' ';
            sb.Append($"  {mark} {n.ToString().PadLeft(width)} | {Untab(text)}\n");
            if (n == d.Span.Line && d.Span.Column > 0)
                sb.Append("    ").Append(' ', width).Append(" | ").Append(' ', Math.Max(0, d.Span.Column - 1)).Append("^\n");
        }
        return sb.ToString();
    }

    private static string Untab(string s) => s.Replace('\t', ' ');
}

/// <summary>The failed-build overlay: every diagnostic with file, line, column, message and the
/// offending lines (the one at fault marked), everything HTML-escaped. Styled only by
/// /__kbgen/overlay.css: no inline styles, no inline script.</summary>
public static class Overlay
{
    public static string Render(IReadOnlyList<DiagnosticView> views, int errors, int warnings)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<div id=\"kbgen-overlay\" role=\"alertdialog\" aria-modal=\"true\" aria-labelledby=\"kbgen-overlay-title\">");
        sb.Append("<div class=\"kbgen-overlay-panel\">");
        sb.Append("<button type=\"button\" class=\"kbgen-overlay-close\" aria-label=\"Hide this message\">Hide</button>");
        sb.Append($"<h2 id=\"kbgen-overlay-title\">Build failed: {E(Commands.CommonOptions.Summary(errors, warnings))}</h2>");
        sb.Append("<p class=\"kbgen-overlay-note\">Below is the page from the last good build. Fix the file and save: this page reloads by itself.</p>");
        sb.Append("<ol class=\"kbgen-diagnostics\">");
        foreach (var v in views.OrderBy(v => v.Diagnostic.IsError ? 0 : 1))
        {
            var d = v.Diagnostic;
            var sev = d.IsError ? "error" : "warning";
            sb.Append($"<li class=\"kbgen-diagnostic kbgen-{sev}\" data-file=\"{E(v.DisplayFile)}\" data-line=\"{d.Span.Line}\" data-column=\"{d.Span.Column}\" data-code=\"{E(d.Code)}\">");
            sb.Append("<p class=\"kbgen-where\">");
            sb.Append($"<span class=\"kbgen-file\">{E(v.DisplayFile)}</span>");
            if (d.Span.IsKnown)
                sb.Append($":<span class=\"kbgen-line\">{d.Span.Line}</span>:<span class=\"kbgen-column\">{d.Span.Column}</span>");
            sb.Append($" <span class=\"kbgen-severity\">{sev}</span> <span class=\"kbgen-code\">{E(d.Code)}</span></p>");
            sb.Append($"<p class=\"kbgen-message\">{E(d.Message)}</p>");
            if (v.Lines.Count > 0)
            {
                sb.Append("<pre class=\"kbgen-source\"><code>");
                foreach (var (n, text) in v.Lines)
                {
                    var marked = n == d.Span.Line;
                    var tag = marked ? "mark" : "span";
                    sb.Append($"<{tag} class=\"kbgen-src-line{(marked ? " kbgen-src-marked" : "")}\" data-line=\"{n}\"><span class=\"kbgen-ln\">{n}</span>{E(text)}</{tag}>");
                    if (marked && d.Span.Column > 0)
                        sb.Append($"<span class=\"kbgen-caret\" aria-hidden=\"true\"><span class=\"kbgen-ln\"></span>{new string(' ', d.Span.Column - 1)}^</span>");
                }
                sb.Append("</code></pre>");
            }
            sb.Append("</li>");
        }
        sb.Append("</ol></div></div>");
        return sb.ToString();
    }
}
