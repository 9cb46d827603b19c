using System.Text;
using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.References.Import;

/// <summary>BibTeX/BibLaTeX: @type{key, field = {…} | "…" | number | macro, …} with @string
/// macros, # concatenation and nested braces. Text outside entries is a comment, as in BibTeX.</summary>
internal static class BibTexParser
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static bool Looks(string firstLine) => firstLine.TrimStart().StartsWith('@');

    private sealed class BibError(int pos, DiagnosticDescriptor code, string message) : Exception(message)
    {
        public int Pos { get; } = pos;
        public DiagnosticDescriptor Code { get; } = code;
    }

    public static IEnumerable<ParsedRecord> Parse(string text, string file)
    {
        var s = text.TrimStart('\uFEFF');
        var lineStarts = new List<int> { 0 };
        for (int k = 0; k < s.Length; k++)
            if (s[k] == '\n') lineStarts.Add(k + 1);
        SourceSpan Span(int pos)
        {
            int line = lineStarts.BinarySearch(pos);
            if (line < 0) line = ~line - 1;
            return new SourceSpan(file, line + 1, pos - lineStarts[line] + 1);
        }

        // Predefined month macros expand to full names, as in BibTeX's standard styles.
        var macros = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < 12; k++) macros[MonthNames[k][..3].ToLowerInvariant()] = MonthNames[k];

        int i = 0;
        while (true)
        {
            i = s.IndexOf('@', i);
            if (i < 0) yield break;
            int at = i;
            ParsedRecord? result = null;
            try
            {
                var p = new Cursor(s, at + 1);
                var kind = p.Identifier().ToLowerInvariant();
                if (kind.Length == 0) { i = at + 1; continue; } // a stray '@' in comment text
                p.SkipSpace();
                char open = p.Peek();
                if (open is not ('{' or '('))
                    throw new BibError(p.Pos, DiagnosticCodes.UnreadableRecord, $"expected '{{' after @{kind}");
                char close = open == '{' ? '}' : ')';
                p.Pos++;
                if (kind is "comment" or "preamble")
                {
                    p.Pos--; p.Balanced(); i = p.Pos; continue;
                }
                if (kind == "string")
                {
                    var (name, value) = Field(p, macros);
                    macros[name] = value;
                    p.SkipSpace(); p.Expect(close);
                    i = p.Pos; continue;
                }
                p.SkipSpace();
                var key = p.Until(',', close).Trim();
                if (key.Length == 0 || key.Any(char.IsWhiteSpace))
                    throw new BibError(p.Pos, DiagnosticCodes.UnreadableRecord, $"@{kind} entry has no citation key");
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                while (true)
                {
                    p.SkipSpace();
                    if (p.Peek() == close) { p.Pos++; break; }
                    p.Expect(',');
                    p.SkipSpace();
                    if (p.Peek() == close) { p.Pos++; break; } // trailing comma
                    var (name, value) = Field(p, macros);
                    fields[name] = value;
                }
                i = p.Pos;
                result = Build(kind, fields, Span(at));
            }
            catch (BibError e)
            {
                // Running into the next entry means this one was never closed: point at its start.
                result = e.Pos < s.Length && s[e.Pos] == '@'
                    ? ParsedRecord.Fail(e.Code, Span(at), "entry is not closed before the next entry (check its braces and quotes)")
                    : ParsedRecord.Fail(e.Code, Span(Math.Min(e.Pos, s.Length - 1)), e.Message);
                i = NextEntryStart(s, at + 1);
            }
            if (result is { } r) yield return r;
            if (i < 0) yield break;
        }
    }

    // After a broken entry, resume at the next '@' that begins a line.
    private static int NextEntryStart(string s, int from)
    {
        for (int k = from; k < s.Length; k++)
        {
            if (s[k] != '@') continue;
            int b = k - 1;
            while (b >= 0 && s[b] is ' ' or '\t') b--;
            if (b < 0 || s[b] == '\n') return k;
        }
        return -1;
    }

    private static (string Name, string Value) Field(Cursor p, Dictionary<string, string> macros)
    {
        var name = p.Identifier();
        if (name.Length == 0) throw new BibError(p.Pos, DiagnosticCodes.UnreadableRecord, "expected a field name");
        p.SkipSpace();
        p.Expect('=');
        var value = new StringBuilder();
        while (true)
        {
            p.SkipSpace();
            char c = p.Peek();
            if (c == '{') { var b = p.Balanced(); value.Append(b, 1, b.Length - 2); }
            else if (c == '"') value.Append(p.Quoted());
            else if (char.IsAsciiDigit(c)) value.Append(p.Identifier());
            else if (char.IsLetter(c))
            {
                int where = p.Pos;
                var macro = p.Identifier();
                if (!macros.TryGetValue(macro, out var expansion))
                    throw new BibError(where, DiagnosticCodes.UndefinedBibMacro, $"@string macro '{macro}' is not defined");
                value.Append(expansion);
            }
            else throw new BibError(p.Pos, DiagnosticCodes.UnreadableRecord, $"field '{name}' has no value");
            p.SkipSpace();
            if (p.Peek() != '#') break;
            p.Pos++;
        }
        return (name.ToLowerInvariant(), value.ToString());
    }

    private sealed class Cursor(string s, int pos)
    {
        public int Pos = pos;
        public char Peek() => Pos < s.Length ? s[Pos] : '\0';

        public void SkipSpace()
        {
            while (Pos < s.Length && char.IsWhiteSpace(s[Pos])) Pos++;
        }

        public void Expect(char c)
        {
            if (Peek() != c)
                throw new BibError(Pos, DiagnosticCodes.UnreadableRecord,
                    Pos >= s.Length ? $"entry is not closed (expected '{c}')" : $"expected '{c}' but found '{Peek()}'");
            Pos++;
        }

        public string Identifier()
        {
            int start = Pos;
            while (Pos < s.Length && (char.IsLetterOrDigit(s[Pos]) || s[Pos] is '_' or '-' or ':' or '.' or '+' or '/')) Pos++;
            return s[start..Pos];
        }

        public string Until(char a, char b)
        {
            int start = Pos;
            while (Pos < s.Length && s[Pos] != a && s[Pos] != b) Pos++;
            return s[start..Pos];
        }

        /// <summary>A {…} group with nested braces, returned with its outer braces.</summary>
        public string Balanced()
        {
            int start = Pos, depth = 0;
            for (; Pos < s.Length; Pos++)
            {
                if (s[Pos] == '\\') { Pos++; continue; }
                if (s[Pos] == '{') depth++;
                else if (s[Pos] == '}' && --depth == 0) { Pos++; return s[start..Pos]; }
                else if (s[Pos] == '@' && depth == 1 && IsLineStart(start, Pos)) break; // ran into the next entry
            }
            throw new BibError(start, DiagnosticCodes.UnreadableRecord, "unbalanced braces: '{' is never closed");
        }

        // A value "…" ends at a quote outside braces.
        public string Quoted()
        {
            int start = Pos++, depth = 0;
            for (; Pos < s.Length; Pos++)
            {
                if (s[Pos] == '\\') { Pos++; continue; }
                if (s[Pos] == '{') depth++;
                else if (s[Pos] == '}') depth--;
                else if (s[Pos] == '"' && depth == 0) { Pos++; return s[(start + 1)..(Pos - 1)]; }
            }
            throw new BibError(start, DiagnosticCodes.UnreadableRecord, "unclosed '\"' in a field value");
        }

        private bool IsLineStart(int from, int at)
        {
            int b = at - 1;
            while (b > from && s[b] is ' ' or '\t') b--;
            return s[b] == '\n';
        }
    }

    private static ParsedRecord Build(string kind, Dictionary<string, string> f, SourceSpan span)
    {
        string? Get(params string[] names)
        {
            foreach (var n in names)
                if (f.TryGetValue(n, out var v) && v.Trim().Length > 0) return v;
            return null;
        }
        string? Text(params string[] names) => Get(names) is { } v ? LatexDecoder.Decode(v) : null;

        var d = new RecordDraft { Span = span };
        d.Title = Text("title");
        d.Journal = Text("shortjournal", "journal-abbrev", "journal", "journaltitle");
        if (Get("author") is { } authors)
        {
            foreach (var name in SplitAuthors(authors))
            {
                var n = name.Trim();
                if (n.Equals("others", StringComparison.OrdinalIgnoreCase)) continue;
                // {National Institute for Health and Care Excellence}: braces keep a body's name whole.
                if (n.StartsWith('{') && n.EndsWith('}') && IsOneGroup(n)) { d.Organization ??= LatexDecoder.Decode(n); continue; }
                var plain = TextFolding.Squash(LatexDecoder.Decode(n));
                d.Authors.Add(plain.Contains(',') ? AuthorNames.FromInverted(plain) : AuthorNames.FromDirect(plain));
            }
        }
        if (d.Authors.Count == 0) d.Organization ??= Text("organization", "institution", "publisher");
        if (Get("year") is { } y && int.TryParse(y.Trim(), out var year)) d.Year = year;
        if (Get("date") is { } date) { var (yy, mm, _) = DateParts.Slashed(date); d.Year ??= yy; d.Month ??= mm; }
        if (Get("month") is { } month) d.Month = DateParts.Month(month);
        d.Volume = Text("volume");
        // In @techreport or @manual "number" is the report's number (NG59), not a journal issue.
        d.Issue = kind is "article" or "periodical" ? Text("number", "issue") : Text("issue");
        d.Pages = Get("pages")?.Replace("--", "-");
        d.Doi = RecordDraft.CleanDoi(Get("doi"));
        d.Pmid = Get("pmid") ?? (Get("eprinttype")?.Trim().Equals("pubmed", StringComparison.OrdinalIgnoreCase) == true ? Get("eprint") : null);
        if (Get("epub", "epubdate") is { } epub) d.Epub = DateParts.Slashed(epub).Date;
        d.Url = Get("url");
        d.Abstract = Text("abstract");
        foreach (var label in new[] { "type", "pubtype", "publicationtype", "keywords" })
            if (Text(label) is { } v) d.TypeLabels.AddRange(v.Split([',', ';'], StringSplitOptions.TrimEntries));
        return d.Build();
    }

    // "A and B and {Smith and Sons}": split on " and " outside braces.
    private static IEnumerable<string> SplitAuthors(string value)
    {
        int depth = 0, start = 0;
        for (int k = 0; k < value.Length; k++)
        {
            if (value[k] == '{') depth++;
            else if (value[k] == '}') depth--;
            else if (depth == 0 && char.IsWhiteSpace(value[k]) && k + 4 < value.Length
                     && value.AsSpan(k + 1, 3).Equals("and", StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(value[k + 4]))
            {
                yield return value[start..k];
                start = k + 5;
                k += 4;
            }
        }
        yield return value[start..];
    }

    private static bool IsOneGroup(string n)
    {
        int depth = 0;
        for (int k = 0; k < n.Length; k++)
        {
            if (n[k] == '{') depth++;
            else if (n[k] == '}' && --depth == 0 && k != n.Length - 1) return false;
        }
        return true;
    }
}
