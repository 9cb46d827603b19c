using System.Text;

namespace KbGen.References.Import;

/// <summary>Brings author names from any export into the form PubMed writes and the styles
/// print: surname, a space, all initials without periods ("Francis RM", "van der Berg J Jr").</summary>
internal static class AuthorNames
{
    private static readonly HashSet<string> Suffixes = new(StringComparer.OrdinalIgnoreCase)
        { "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "2nd", "3rd", "4th" };

    // Words that mark a body rather than a person, when an export puts it in an author field.
    private static readonly string[] BodyWords =
    [
        "organization", "organisation", "institute", "society", "association", "college", "group",
        "committee", "agency", "department", "council", "foundation", "federation", "academy",
        "task force", "network", "centre", "center", "collaboration", "consortium", "board",
        "national", "ministry", "service", "commission", "alliance", "working party", "panel",
    ];

    public static bool LooksLikeOrganization(string name)
    {
        var lower = name.ToLowerInvariant();
        return BodyWords.Any(w => ContainsWord(lower, w));
    }

    private static bool ContainsWord(string text, string word)
    {
        int at = 0;
        while ((at = text.IndexOf(word, at, StringComparison.Ordinal)) >= 0)
        {
            bool startOk = at == 0 || !char.IsLetter(text[at - 1]);
            int end = at + word.Length;
            bool endOk = end == text.Length || !char.IsLetter(text[end]) || text[end] == 's';
            if (startOk && endOk) return true;
            at = end;
        }
        return false;
    }

    /// <summary>"Francis, Roger M." / "Francis, R.M." / "Francis, R M" → "Francis RM";
    /// "Smith, John, Jr." → "Smith J Jr".</summary>
    public static string FromInverted(string name)
    {
        var parts = name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return "";
        if (parts.Length == 1) return FromDirect(parts[0]);
        string surname = parts[0], given, suffix = "";
        if (parts.Length >= 3 && Suffixes.Contains(parts[1])) { suffix = parts[1]; given = parts[2]; } // BibTeX "von Last, Jr, First"
        else if (parts.Length >= 3 && Suffixes.Contains(parts[2])) { given = parts[1]; suffix = parts[2]; } // RIS "Last, First, Suffix"
        else given = string.Join(' ', parts[1..]);
        return Compose(surname, Initials(given), suffix);
    }

    /// <summary>"Roger M. Francis" / "Ludwig van Beethoven" → surname last (with its lower-case particles).</summary>
    public static string FromDirect(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count == 0) return "";
        if (words.Count == 1) return words[0];
        string suffix = "";
        if (Suffixes.Contains(words[^1])) { suffix = words[^1]; words.RemoveAt(words.Count - 1); }
        int start = words.Count - 1;
        for (int k = 1; k < words.Count - 1; k++)
            if (char.IsLower(words[k][0])) { start = k; break; }
        var surname = string.Join(' ', words.Skip(start));
        var given = string.Join(' ', words.Take(start));
        return Compose(surname, Initials(given), suffix);
    }

    /// <summary>PubMed AU is already right ("Francis RM"); only tidy spacing.</summary>
    public static string FromPubMed(string au) => TextFolding.Squash(au);

    /// <summary>"Roger M." → "RM"; "Jean-Pierre" → "JP"; "R.M." → "RM"; "RM" (already initials) → "RM".</summary>
    public static string Initials(string given)
    {
        var sb = new StringBuilder();
        foreach (var word in given.Split([' ', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.All(char.IsUpper) && word.Length <= 3) { sb.Append(word); continue; } // "RM"
            foreach (var piece in word.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                var first = piece.FirstOrDefault(char.IsLetter);
                if (first != default) sb.Append(char.ToUpperInvariant(first));
            }
        }
        return sb.ToString();
    }

    private static string Compose(string surname, string initials, string suffix)
    {
        var s = initials.Length > 0 ? $"{surname} {initials}" : surname;
        return suffix.Length > 0 ? $"{s} {suffix.TrimEnd('.')}" : s;
    }

    /// <summary>The surname part of a "Surname Initials" name, for ids.</summary>
    public static string Surname(string author)
    {
        var words = author.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && Suffixes.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        if (words.Count > 1 && words[^1].All(char.IsUpper)) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }
}
