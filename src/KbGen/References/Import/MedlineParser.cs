using System.Text.RegularExpressions;
using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.References.Import;

/// <summary>PubMed "Save → PubMed format" (MEDLINE/.nbib): "TAG - value" with tags padded to four
/// characters, continuation lines indented by six spaces, records separated by blank lines.</summary>
internal static partial class MedlineParser
{
    [GeneratedRegex(@"^([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)$")] private static partial Regex TagLine();

    public static IEnumerable<ParsedRecord> Parse(string text, string file)
    {
        var lines = SourceLines.Split(text);
        int i = 0;
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0) { i++; continue; }
            int start = i;
            var fields = new List<(string Tag, string Value, int Line)>();
            Diagnostic? error = null;
            for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
            {
                if (error is not null) continue; // skip the rest of a broken record
                var line = lines[i];
                var m = TagLine().Match(line);
                if (m.Success && line.Length >= 5 && line[4] == '-' )
                    fields.Add((m.Groups[1].Value, m.Groups[2].Value.Trim(), i + 1));
                else if (line.StartsWith("  ", StringComparison.Ordinal) && fields.Count > 0)
                    fields[^1] = fields[^1] with { Value = fields[^1].Value + " " + line.Trim() };
                else
                    error = new Diagnostic(Severity.Error, DiagnosticCodes.UnreadableRecord.Code, new SourceSpan(file, i + 1, 1),
                        $"not a PubMed field line (expected 'TAG - value'): '{Shorten(line)}'");
            }
            yield return error is not null ? ParsedRecord.Fail(error) : Build(fields, new SourceSpan(file, start + 1, 1));
        }
    }

    private static ParsedRecord Build(List<(string Tag, string Value, int Line)> fields, SourceSpan span)
    {
        var d = new RecordDraft { Span = span };
        var fullNames = new List<string>();
        foreach (var (tag, value, _) in fields)
        {
            switch (tag)
            {
                case "TI": d.Title = value; break;
                case "AU": d.Authors.Add(AuthorNames.FromPubMed(value)); break;
                case "FAU": fullNames.Add(value); break;
                case "CN": d.Organization ??= value; break;
                case "TA": d.Journal = value; break;
                case "JT": break;
                case "DP":
                    var (year, month) = DateParts.PubMedDate(value);
                    d.Year = year; d.Month = month; break;
                case "VI": d.Volume = value; break;
                case "IP": d.Issue = value; break;
                case "PG": d.Pages = value; break;
                case "LID" or "AID" when value.EndsWith("[doi]", StringComparison.OrdinalIgnoreCase):
                    d.Doi ??= RecordDraft.CleanDoi(value); break;
                case "PMID": d.Pmid = value; break;
                case "DEP": d.Epub = DateParts.Slashed(value).Date; break;
                case "PT": d.TypeLabels.Add(value); break;
                case "AB": d.Abstract = value; break;
            }
        }
        if (d.Authors.Count == 0) d.Authors.AddRange(fullNames.Select(AuthorNames.FromInverted));
        return d.Build();
    }

    internal static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>True when the text starts like a PubMed record (first field line "PMID- " or a padded tag).</summary>
    public static bool Looks(string firstLine) =>
        firstLine.StartsWith("PMID-", StringComparison.Ordinal) ||
        (firstLine.Length >= 6 && firstLine[4] == '-' && firstLine[5] == ' ' && TagLine().IsMatch(firstLine) && !RisParser.Looks(firstLine));
}
