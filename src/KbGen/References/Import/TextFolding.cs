using System.Text;

namespace KbGen.References.Import;

/// <summary>Folds Latin letters to ASCII for ids and duplicate keys. Hand-made table because the
/// project runs with InvariantGlobalization, where string.Normalize does not decompose.</summary>
internal static class TextFolding
{
    private static readonly Dictionary<char, string> Map = Build();

    private static Dictionary<char, string> Build()
    {
        var map = new Dictionary<char, string>();
        void Add(string chars, string ascii) { foreach (var c in chars) map[c] = ascii; }
        Add("ÀÁÂÃÄÅĀĂĄǍ", "A"); Add("àáâãäåāăąǎ", "a");
        Add("ÇĆĈĊČ", "C"); Add("çćĉċč", "c");
        Add("ĎĐ", "D"); Add("ďđ", "d");
        Add("ÈÉÊËĒĔĖĘĚ", "E"); Add("èéêëēĕėęě", "e");
        Add("ĜĞĠĢ", "G"); Add("ĝğġģ", "g");
        Add("ĤĦ", "H"); Add("ĥħ", "h");
        Add("ÌÍÎÏĨĪĬĮİǏ", "I"); Add("ìíîïĩīĭįıǐ", "i");
        Add("Ĵ", "J"); Add("ĵ", "j"); Add("Ķ", "K"); Add("ķ", "k");
        Add("ĹĻĽĿŁ", "L"); Add("ĺļľŀł", "l");
        Add("ÑŃŅŇ", "N"); Add("ñńņňŉ", "n");
        Add("ÒÓÔÕÖØŌŎŐǑ", "O"); Add("òóôõöøōŏőǒ", "o");
        Add("ŔŖŘ", "R"); Add("ŕŗř", "r");
        Add("ŚŜŞŠȘ", "S"); Add("śŝşšș", "s");
        Add("ŢŤŦȚ", "T"); Add("ţťŧț", "t");
        Add("ÙÚÛÜŨŪŬŮŰŲǓ", "U"); Add("ùúûüũūŭůűųǔ", "u");
        Add("Ŵ", "W"); Add("ŵ", "w"); Add("ÝŶŸ", "Y"); Add("ýÿŷ", "y");
        Add("ŹŻŽ", "Z"); Add("źżž", "z");
        map['Æ'] = "AE"; map['æ'] = "ae"; map['Œ'] = "OE"; map['œ'] = "oe";
        map['ß'] = "ss"; map['Þ'] = "Th"; map['þ'] = "th"; map['Ð'] = "D"; map['ð'] = "d";
        return map;
    }

    public static string ToAscii(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c < 128) sb.Append(c);
            else if (Map.TryGetValue(c, out var a)) sb.Append(a);
            else if (c is >= '\u0300' and <= '\u036F') { } // stray combining mark
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Lower-case ASCII words joined by hyphens: "Müller-Lüdenscheidt" → "muller-ludenscheidt".</summary>
    public static string Slug(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in ToAscii(s).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (c is '\'' or '’') continue; // O'Brien → obrien
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>Title key for duplicate detection: case, accents, punctuation and spacing ignored.</summary>
    public static string TitleKey(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in ToAscii(title).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
        }
        return sb.ToString().Trim();
    }

    /// <summary>Collapses runs of whitespace (exports wrap long fields) into single spaces.</summary>
    public static string Squash(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); }
            else sb.Append(c);
        }
        return sb.ToString().TrimEnd();
    }
}
