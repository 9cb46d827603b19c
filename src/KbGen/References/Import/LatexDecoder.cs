using System.Text;

namespace KbGen.References.Import;

/// <summary>Turns the LaTeX found in BibTeX values into plain Unicode: accents ({\"u}, \'e, \c{c}),
/// special letters (\ss, \o, \ae), escaped symbols, dashes and grouping braces.</summary>
internal static class LatexDecoder
{
    // accent command → (base letters, composed letters), index-aligned.
    private static readonly Dictionary<char, (string From, string To)> Accents = new()
    {
        ['"'] = ("AEIOUYaeiouy", "ÄËÏÖÜŸäëïöüÿ"),
        ['\''] = ("ACEILNORSUYZacegilnorsuyz", "ÁĆÉÍĹŃÓŔŚÚÝŹáćéǵíĺńóŕśúýź"),
        ['`'] = ("AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
        ['^'] = ("ACEGHIJOSUWYaceghijosuwy", "ÂĈÊĜĤÎĴÔŜÛŴŶâĉêĝĥîĵôŝûŵŷ"),
        ['~'] = ("ANOUIanoui", "ÃÑÕŨĨãñõũĩ"),
        ['='] = ("AEIOUaeiou", "ĀĒĪŌŪāēīōū"),
        ['.'] = ("CEGIZcegz", "ĊĖĠİŻċėġż"),
        ['c'] = ("CGKLNRSTcgklnrst", "ÇĢĶĻŅŖŞŢçģķļņŗşţ"),
        ['v'] = ("CDENRSTZcdenrstz", "ČĎĚŇŘŠŤŽčďěňřšťž"),
        ['u'] = ("AEGIOUaegiou", "ĂĔĞĬŎŬăĕğĭŏŭ"),
        ['H'] = ("OUou", "ŐŰőű"),
        ['r'] = ("AUau", "ÅŮåů"),
        ['k'] = ("AEIUaeiu", "ĄĘĮŲąęįų"),
    };

    private static readonly Dictionary<string, string> Letters = new()
    {
        ["ss"] = "ß", ["o"] = "ø", ["O"] = "Ø", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ",
        ["l"] = "ł", ["L"] = "Ł", ["aa"] = "å", ["AA"] = "Å", ["i"] = "ı", ["j"] = "ȷ",
        ["textendash"] = "–", ["textemdash"] = "—", ["textquoteright"] = "’", ["textquoteleft"] = "‘",
        ["textregistered"] = "®", ["texttrademark"] = "™", ["textdegree"] = "°", ["textmu"] = "µ",
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["kappa"] = "κ", ["mu"] = "μ",
        ["ge"] = "≥", ["le"] = "≤", ["geq"] = "≥", ["leq"] = "≤", ["pm"] = "±", ["times"] = "×",
    };

    public static string Decode(string s)
    {
        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                char n = s[i + 1];
                if (Accents.TryGetValue(n, out var acc) && (!char.IsLetter(n) || IsLetterAccentArgument(s, i + 2)))
                {
                    i += 2;
                    var (arg, next) = ReadAccentArgument(s, i);
                    i = next;
                    sb.Append(Compose(arg, acc));
                    continue;
                }
                if (char.IsLetter(n))
                {
                    int j = i + 1;
                    while (j < s.Length && char.IsLetter(s[j])) j++;
                    var name = s[(i + 1)..j];
                    if (j < s.Length && s[j] == ' ') j++; // a control word swallows one space
                    if (j < s.Length && s[j] == '{' && j + 1 < s.Length && s[j + 1] == '}') j += 2; // \ss{}
                    if (Letters.TryGetValue(name, out var letter)) sb.Append(letter);
                    // Formatting commands (\emph, \textit, \mathrm ...) are dropped; their braced text stays.
                    i = j;
                    continue;
                }
                // \& \% \$ \# \_ \{ \} and "\ " → the character itself
                sb.Append(n == ' ' ? ' ' : n);
                i += 2;
                continue;
            }
            if (c is '{' or '}' || c == '$') { i++; continue; }
            if (c == '~') { sb.Append(' '); i++; continue; }
            if (c == '-' && i + 2 < s.Length && s[i + 1] == '-' && s[i + 2] == '-') { sb.Append('—'); i += 3; continue; }
            if (c == '-' && i + 1 < s.Length && s[i + 1] == '-') { sb.Append('–'); i += 2; continue; }
            if (c == '`' && i + 1 < s.Length && s[i + 1] == '`') { sb.Append('“'); i += 2; continue; }
            if (c == '\'' && i + 1 < s.Length && s[i + 1] == '\'') { sb.Append('”'); i += 2; continue; }
            sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    // \c{c}, \v s: a letter accent command is followed by a brace or a space; \url or \cite is not one.
    private static bool IsLetterAccentArgument(string s, int i) => i < s.Length && s[i] is '{' or ' ';

    private static (string Arg, int Next) ReadAccentArgument(string s, int i)
    {
        while (i < s.Length && s[i] == ' ') i++;
        if (i < s.Length && s[i] == '{')
        {
            int depth = 0, start = i;
            for (; i < s.Length; i++)
            {
                if (s[i] == '{') depth++;
                else if (s[i] == '}' && --depth == 0) return (s[(start + 1)..i], i + 1);
            }
            return (s[(start + 1)..], s.Length);
        }
        if (i < s.Length && s[i] == '\\' && i + 1 < s.Length && s[i + 1] == 'i') return ("i", i + 2); // \'\i
        return i < s.Length ? (s[i].ToString(), i + 1) : ("", i);
    }

    private static string Compose(string arg, (string From, string To) acc)
    {
        if (arg is "\\i" or "\\i ") arg = "i";
        if (arg.Length == 0) return "";
        int k = acc.From.IndexOf(arg[0]);
        return k >= 0 ? acc.To[k] + Decode(arg[1..]) : Decode(arg);
    }
}
