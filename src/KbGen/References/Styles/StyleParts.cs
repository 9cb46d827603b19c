using System.Globalization;
using System.Text;
using KbGen.Model;

namespace KbGen.References.Styles;

/// <summary>Pieces both styles share: author lists, sentence ends, page ranges, identifier links.</summary>
internal static class StyleParts
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] MonthAbbr = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The byline: all authors up to <paramref name="max"/>, else the first <paramref name="keep"/>
    /// and "et al"; an organisation alone, or after the authors with a semicolon.</summary>
    public static string? Byline(Reference r, int max, int keep)
    {
        string? people = null;
        if (r.Authors.Count > 0)
            people = r.Authors.Count <= max ? string.Join(", ", r.Authors) : string.Join(", ", r.Authors.Take(keep)) + ", et al";
        if (people is null) return r.Organization;
        return r.Organization is null || !HasJournal(r) ? people : $"{people}; {r.Organization}";
    }

    public static bool HasJournal(Reference r) => !string.IsNullOrWhiteSpace(r.Journal);

    /// <summary>Text closed with a period unless it already ends a sentence ("Why?" stays).</summary>
    public static string Sentence(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && t[^1] is '.' or '?' or '!' ? t : t + ".";
    }

    /// <summary>NLM drops the end page's repeated leading digits: 1234-1239 → 1234-9, 895-903 stays.</summary>
    public static string AbbreviatePages(string pages) => MapRanges(pages, (start, end) =>
    {
        if (end.Length != start.Length) return end;
        int k = 0;
        while (k < end.Length - 1 && end[k] == start[k]) k++;
        return end[k..];
    });

    /// <summary>AMA writes full ranges: 1234-9 → 1234-1239.</summary>
    public static string ExpandPages(string pages) => MapRanges(pages, (start, end) =>
        end.Length < start.Length ? start[..(start.Length - end.Length)] + end : end);

    // Applies the rule to every numeric range in "895-903, 910-2"; anything else (e12, S4-S9) passes through.
    private static string MapRanges(string pages, Func<string, string, string> endRule)
    {
        var parts = pages.Split(',');
        for (int i = 0; i < parts.Length; i++)
        {
            var range = parts[i].Trim().Split('-');
            if (range.Length == 2 && range[0].Length > 0 && range[1].Length > 0 && range[0].All(char.IsAsciiDigit) && range[1].All(char.IsAsciiDigit))
                parts[i] = (i > 0 ? " " : "") + range[0] + "-" + endRule(range[0], range[1]);
        }
        return string.Join(",", parts);
    }

    public static string DoiUrl(string doi) => "https://doi.org/" + EscapeForUrl(doi);
    public static string PubMedUrl(string pmid) => $"https://pubmed.ncbi.nlm.nih.gov/{pmid}/";

    // DOIs may hold characters that end or break a URL (#, ?, %, spaces, angle brackets).
    private static string EscapeForUrl(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (c is '#' or '?' or '%' or ' ' or '"' or '<' or '>' or '{' or '}' or '|' or '\\' or '^' or '`' || c > 126)
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString())) sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Vancouver date: "2007 Dec 11".</summary>
    public static string NlmDate(DateOnly d) => $"{d.Year} {MonthAbbr[d.Month - 1]} {d.Day}";

    /// <summary>AMA "November 2016" when the month is a plain month, else the year alone.</summary>
    public static string AmaMonthYear(Reference r)
    {
        int k = r.Month is null ? -1 : Array.IndexOf(MonthAbbr, r.Month);
        return k >= 0 ? $"{MonthNames[k]} {r.Year}" : r.Year.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>AMA date: "December 11, 2007".</summary>
    public static string AmaDate(DateOnly d) => $"{MonthNames[d.Month - 1]} {d.Day}, {d.Year}";
}
