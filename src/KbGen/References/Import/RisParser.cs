using System.Text.RegularExpressions;
using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.References.Import;

/// <summary>RIS as EndNote, Zotero and Mendeley write it: "TY  - JOUR" … "ER  - ". Journal
/// tags differ by tool (JA/J2 abbreviation, JO/T2/JF full title), so the abbreviation is preferred.</summary>
internal static partial class RisParser
{
    [GeneratedRegex(@"^([A-Z][A-Z0-9])  ?- ?(.*)$")] private static partial Regex TagLine();

    public static bool Looks(string firstLine) => firstLine.StartsWith("TY  -", StringComparison.Ordinal) || firstLine.StartsWith("TY -", StringComparison.Ordinal);

    public static IEnumerable<ParsedRecord> Parse(string text, string file)
    {
        var lines = SourceLines.Split(text);
        List<(string Tag, string Value)>? fields = null;
        int start = 0;
        Diagnostic? error = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            var m = TagLine().Match(line);
            var tag = m.Success ? m.Groups[1].Value : null;
            if (tag == "TY")
            {
                if (fields is not null) // a new record before ER: the previous one is cut short
                    yield return ParsedRecord.Fail(DiagnosticCodes.UnreadableRecord, new SourceSpan(file, start + 1, 1), "RIS record has no 'ER  -' line before the next 'TY  -'");
                fields = [(tag, m.Groups[2].Value.Trim())];
                start = i;
                error = null;
                continue;
            }
            if (fields is null)
            {
                yield return ParsedRecord.Fail(DiagnosticCodes.UnreadableRecord, new SourceSpan(file, i + 1, 1), $"text outside a RIS record (expected 'TY  -'): '{MedlineParser.Shorten(line)}'");
                // skip to the next record start
                while (i + 1 < lines.Length && !Looks(lines[i + 1])) i++;
                continue;
            }
            if (tag == "ER")
            {
                yield return error is not null ? ParsedRecord.Fail(error) : Build(fields, new SourceSpan(file, start + 1, 1));
                fields = null;
                continue;
            }
            if (error is not null) continue;
            if (tag is not null) fields.Add((tag, m.Groups[2].Value.Trim()));
            else if (fields.Count > 1) fields[^1] = fields[^1] with { Value = fields[^1].Value + " " + line.Trim() }; // wrapped value
            else error = new Diagnostic(Severity.Error, DiagnosticCodes.UnreadableRecord.Code, new SourceSpan(file, i + 1, 1), $"not a RIS field line: '{MedlineParser.Shorten(line)}'");
        }
        if (fields is not null)
            yield return ParsedRecord.Fail(DiagnosticCodes.UnreadableRecord, new SourceSpan(file, start + 1, 1), "RIS record has no closing 'ER  -' line");
    }

    private static ParsedRecord Build(List<(string Tag, string Value)> fields, SourceSpan span)
    {
        var d = new RecordDraft { Span = span };
        string? Get(params string[] tags)
        {
            foreach (var t in tags)
                foreach (var f in fields)
                    if (f.Tag == t && f.Value.Length > 0) return f.Value;
            return null;
        }
        var risType = Get("TY") ?? "";
        d.Title = Get("TI", "T1");
        d.Journal = Get("JA", "J2", "JO", "T2", "JF");
        foreach (var (tag, value) in fields)
        {
            if (tag is "AU" or "A1")
            {
                var v = value.Trim().TrimEnd(',');
                // A body in an author field: no comma (no "Surname, Given") and a word like "Institute".
                if (!value.Contains(',') && AuthorNames.LooksLikeOrganization(v) || value.TrimEnd().EndsWith(',') && !v.Contains(','))
                    d.Organization ??= v;
                else d.Authors.Add(value.Contains(',') ? AuthorNames.FromInverted(v) : AuthorNames.FromDirect(v));
            }
            else if (tag is "M3" or "KW" or "U1") d.TypeLabels.Add(value);
        }
        if (d.Authors.Count == 0 && d.Organization is null && risType is "GOVDOC" or "RPRT" or "STAND" or "ELEC" or "WEB" or "GEN")
            d.Organization = Get("PB", "A2");

        var dateText = Get("PY", "Y1", "DA");
        if (dateText is not null) { var (y, mo, _) = DateParts.Slashed(dateText); d.Year = y; d.Month = mo; }
        if (d.Month is null && Get("DA", "Y1") is { } da) d.Month = DateParts.Slashed(da).Month;
        d.Volume = Get("VL");
        d.Issue = Get("IS", "CP");
        d.StartPage = Get("SP");
        d.EndPage = Get("EP");
        if (d.StartPage is { } sp && (sp.Contains('-') || sp.Contains('–'))) { d.Pages = sp; d.StartPage = null; }
        // EndNote once put the DOI in M3; a doi.org link in UR also carries it.
        d.Doi = RecordDraft.CleanDoi(Get("DO")) ?? RecordDraft.CleanDoi(Get("M3")) ?? RecordDraft.CleanDoi(Get("UR", "L2"));
        var db = Get("DB", "DP") ?? "";
        if (Get("AN") is { } an && an.All(char.IsAsciiDigit) && (db.Length == 0 || db.Contains("pubmed", StringComparison.OrdinalIgnoreCase) || db.Contains("medline", StringComparison.OrdinalIgnoreCase)))
            d.Pmid = an;
        if (Get("ET") is { } et) d.Epub = DateParts.Slashed(et).Date; // EndNote: "Epub Date"
        d.Url = Get("UR") is { } url && !url.Contains("doi.org/") ? url : null;
        d.Abstract = Get("AB", "N2");
        return d.Build();
    }
}
