using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Loading;

/// <summary>Invisible characters that can disguise text (bidi overrides such as U+202E, which
/// can make a dose read backwards) or corrupt output (C0 controls) are refused.</summary>
public static class TextRules
{
    public static void CheckControlCharacters(string value, SourceSpan span, DiagnosticBag diagnostics)
    {
        foreach (var c in value)
        {
            if (IsForbidden(c))
            {
                diagnostics.Add(DiagnosticCodes.ControlCharacter, span, $"text contains the invisible character U+{(int)c:X4}; remove it");
                return;
            }
        }
    }

    public static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(IsForbidden).ToArray());

    public static bool IsForbidden(char c) =>
        (c < 0x20 && c is not '\n' and not '\t' and not '\r') || c == 0x7F
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069' || c is '\u200E' or '\u200F' or '\u061C';
}
