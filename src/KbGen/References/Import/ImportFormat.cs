namespace KbGen.References.Import;

public enum ImportFormat { Unknown, PubMed, Ris, BibTex }

/// <summary>Decides the format from the text itself: exports are often saved as .txt, and a
/// .ris may hold PubMed. The extension only breaks a tie when the content says nothing.</summary>
public static class ImportFormatDetector
{
    public static ImportFormat Detect(string text, string? fileName = null)
    {
        foreach (var raw in SourceLines.Split(text))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('%')) continue; // BibTeX comment lines
            if (RisParser.Looks(line)) return ImportFormat.Ris;
            if (MedlineParser.Looks(line)) return ImportFormat.PubMed;
            if (BibTexParser.Looks(line)) return ImportFormat.BibTex;
            break;
        }
        // BibTeX allows free text before the first entry.
        if (text.Contains("@article", StringComparison.OrdinalIgnoreCase) || System.Text.RegularExpressions.Regex.IsMatch(text, @"(?m)^\s*@\w+\s*[{(]"))
            return ImportFormat.BibTex;
        return Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".nbib" or ".medline" => ImportFormat.PubMed,
            ".ris" => ImportFormat.Ris,
            ".bib" or ".bibtex" => ImportFormat.BibTex,
            _ => ImportFormat.Unknown,
        };
    }
}
