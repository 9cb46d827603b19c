using System.Globalization;
using System.Text.RegularExpressions;

namespace KbGen.References.Import;

/// <summary>Year, month and e-pub dates as the exports spell them.</summary>
internal static partial class DateParts
{
    public static readonly string[] MonthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>"7", "07", "jul", "July", "Jul." → "Jul"; seasons and ranges ("Jul-Aug", "Spring") pass through.</summary>
    public static string? Month(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().TrimEnd('.');
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n is >= 1 and <= 12 ? MonthAbbreviations[n - 1] : null;
        if (t.Contains('-'))
        {
            var parts = t.Split('-').Select(p => Month(p) ?? p.Trim()).ToArray();
            return string.Join('-', parts);
        }
        if (t.Length >= 3)
        {
            var k = Array.FindIndex(MonthAbbreviations, m => t.StartsWith(m, StringComparison.OrdinalIgnoreCase));
            if (k >= 0) return MonthAbbreviations[k];
        }
        return char.ToUpperInvariant(t[0]) + t[1..]; // "Spring", "Winter"
    }

    /// <summary>PubMed DP: "2008 Jul", "2008 Jul-Aug", "2008 Jul 15", "2008 Spring", "2008".</summary>
    public static (int? Year, string? Month) PubMedDate(string dp)
    {
        var m = DpRegex().Match(dp.Trim());
        if (!m.Success) return (null, null);
        int year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var rest = m.Groups[2].Value.Trim();
        if (rest.Length == 0) return (year, null);
        var first = rest.Split(' ')[0];
        return (year, Month(first));
    }

    /// <summary>RIS "2008/07/01/", "2008///", "2008-07-01", "2008"; e-pub "20071211", "2007/12/11".</summary>
    public static (int? Year, string? Month, DateOnly? Date) Slashed(string text)
    {
        var t = text.Trim();
        var compact = CompactRegex().Match(t);
        if (compact.Success)
        {
            int y = int.Parse(compact.Groups[1].Value), mo = int.Parse(compact.Groups[2].Value), d = int.Parse(compact.Groups[3].Value);
            return (y, Month(mo.ToString(CultureInfo.InvariantCulture)), SafeDate(y, mo, d));
        }
        var parts = t.Split(['/', '-'], StringSplitOptions.None);
        if (parts.Length == 0 || !YearRegex().IsMatch(parts[0].Trim())) return (null, null, null);
        int year = int.Parse(parts[0].Trim()[..4], CultureInfo.InvariantCulture);
        string? month = parts.Length > 1 && parts[1].Trim().Length > 0 ? Month(parts[1]) : null;
        DateOnly? date = null;
        if (parts.Length > 2 && int.TryParse(parts[1], out var mm) && int.TryParse(parts[2].Trim(), out var dd)) date = SafeDate(year, mm, dd);
        return (year, month, date);
    }

    private static DateOnly? SafeDate(int y, int m, int d) =>
        m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;

    [GeneratedRegex(@"^(\d{4})\b(.*)$")] private static partial Regex DpRegex();
    [GeneratedRegex(@"^(\d{4})(\d{2})(\d{2})$")] private static partial Regex CompactRegex();
    [GeneratedRegex(@"^\d{4}")] private static partial Regex YearRegex();
}
