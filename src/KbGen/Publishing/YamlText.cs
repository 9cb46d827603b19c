using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KbGen.Publishing;

/// <summary>Scalar writing shared by the review editor and the canonical archive writer.</summary>
public static partial class YamlText
{
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9 .'()/_+-]*$")]
    private static partial Regex SafePlain();

    [GeneratedRegex(@"^(?i:y|n|yes|no|true|false|on|off|null|~)$")]
    private static partial Regex Reserved();

    /// <summary>A value written plain when that is unambiguous in both block and flow context
    /// (letters, digits, spaces and a few marks; no ':', '#', ',', brackets or leading indicators),
    /// double-quoted with escapes otherwise.</summary>
    public static string Safe(string value) =>
        value.Length > 0 && value.Length <= 200 && SafePlain().IsMatch(value) && !value.EndsWith(' ') && !Reserved().IsMatch(value)
            ? value : Quoted(value);

    /// <summary>A YAML double-quoted scalar on one line: every character survives a round trip.</summary>
    public static string Quoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                case '\u0085': sb.Append("\\N"); break;
                case '\u2028': sb.Append("\\L"); break;
                case '\u2029': sb.Append("\\P"); break;
                case '\uFEFF': sb.Append("\\uFEFF"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
