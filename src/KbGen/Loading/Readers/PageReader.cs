using KbGen.Diagnostics;
using KbGen.Loading.Markdown;
using KbGen.Loading.Yaml;
using KbGen.Model;

namespace KbGen.Loading.Readers;

/// <summary>content/pages/&lt;name&gt;.md: YAML front matter holding `title`, then Markdown.</summary>
public static class PageReader
{
    public static Page? Read(string name, FileContext file)
    {
        var text = file.Text;
        var nl = text.StartsWith("---\r\n", StringComparison.Ordinal) ? 5 : text.StartsWith("---\n", StringComparison.Ordinal) ? 4 : -1;
        if (nl < 0)
        {
            file.Diagnostics.Add(DiagnosticCodes.BadFrontMatter, SourceSpan.FileStart(file.Path), "a page starts with '---', a 'title:' line and '---'");
            return null;
        }
        var close = text.IndexOf("\n---", nl - 1, StringComparison.Ordinal);
        if (close < 0)
        {
            file.Diagnostics.Add(DiagnosticCodes.BadFrontMatter, SourceSpan.FileStart(file.Path), "front matter is not closed with '---'");
            return null;
        }
        // Parse the front matter in place (blank the rest) so positions stay those of the file.
        var padded = "\n" + text[nl..(close + 1)]; // line 1 is the opening '---'
        var doc = YamlTreeReader.Read(file.Path, padded, file.Diagnostics);
        if (doc.Root is null && !file.Diagnostics.Sorted().Any(d => d.Span.File == file.Path && d.IsError))
            file.Diagnostics.Add(DiagnosticCodes.BadFrontMatter, SourceSpan.FileStart(file.Path), "front matter is empty; it needs a 'title:' line");
        var m = MapReader.Of(doc.Root, new FileContext(file.Path, padded, file.Diagnostics), "page front matter");
        string? title = null;
        if (m is not null)
        {
            title = m.String("title", required: true);
            m.Done();
        }
        var bodyStart = text.IndexOf('\n', close + 1);
        bodyStart = bodyStart < 0 ? text.Length : bodyStart + 1;
        // The body is not a YAML scalar, so MapReader's check of invisible characters does not see it.
        for (var i = bodyStart; i < text.Length; i++)
            if (TextRules.IsForbidden(text[i]))
            {
                var (line, col) = file.Lines.At(i);
                file.Diagnostics.Add(DiagnosticCodes.ControlCharacter, new SourceSpan(file.Path, line, col), $"text contains the invisible character U+{(int)text[i]:X4}; remove it");
                break;
            }
        var body = MarkdownReader.FromFileRegion(text, bodyStart, new SourceSpan(file.Path, file.Lines.At(Math.Min(bodyStart, Math.Max(0, text.Length - 1))).Line, 1), file.Lines, file.Diagnostics);
        return title is null ? null : new Page(name, title, body, SourceSpan.FileStart(file.Path));
    }
}
