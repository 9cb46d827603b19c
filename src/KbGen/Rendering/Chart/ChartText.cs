using System.Text;
using System.Text.RegularExpressions;
using KbGen.Rendering.Layout;

namespace KbGen.Rendering.Chart;

/// <summary>Turns node Markdown into what a chart can show: plain words plus the numbers of
/// the references it cites (drawn as a superscript after the text).</summary>
public static partial class ChartText
{
    [GeneratedRegex(@"\[@[^\]]*\]")]
    private static partial Regex CitationGroup();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__|\*|_|`)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>Plain text and the distinct reference numbers in order of first citation.
    /// An id the lookup does not know (0 or less) is kept out; validation reports it.</summary>
    public static (string Text, IReadOnlyList<int> Numbers) Parse(string markdown, Func<string, int> referenceNumber)
    {
        var numbers = new List<int>();
        if (KbGen.Loading.Markdown.SimpleText.Scan(markdown) is { } pieces)
        {
            // Words and valid citations only: the citation groups are the only matches of the
            // patterns below but the last, so drop them here and skip the regular expressions.
            var words = new StringBuilder(markdown.Length);
            foreach (var p in pieces)
            {
                if (p.Ids is null) { words.Append(markdown, p.Start, p.Length); continue; }
                foreach (var id in p.Ids)
                {
                    var n = referenceNumber(id);
                    if (n > 0 && !numbers.Contains(n)) numbers.Add(n);
                }
            }
            var plain = Space().Replace(words.ToString(), " ").Trim();
            return (plain.Replace(" .", ".").Replace(" ,", ","), numbers);
        }
        return ParseWithPatterns(markdown, referenceNumber);
    }

    /// <summary>Any text, through the regular expressions; tests compare it with <see cref="Parse"/>.</summary>
    internal static (string Text, IReadOnlyList<int> Numbers) ParseWithPatterns(string markdown, Func<string, int> referenceNumber)
    {
        var numbers = new List<int>();
        var text = CitationGroup().Replace(markdown, m =>
        {
            foreach (var part in m.Value[1..^1].Split(';'))
            {
                var id = part.Trim().TrimStart('@').Trim();
                if (id.Length == 0) continue;
                var n = referenceNumber(id);
                if (n > 0 && !numbers.Contains(n)) numbers.Add(n);
            }
            return "";
        });
        // Inline Markdown only: charts show plain words.
        text = Link().Replace(text, "$1");
        text = Emphasis().Replace(text, "");
        text = Space().Replace(text, " ").Trim();
        // A citation written after a space would leave "pain ." behind.
        text = text.Replace(" .", ".").Replace(" ,", ",");
        return (text, numbers);
    }

    /// <summary>"1,2" or "1–3" style superscript for sorted runs; null when nothing is cited.</summary>
    public static string? Superscript(IReadOnlyList<int> numbers)
    {
        if (numbers.Count == 0) return null;
        var sorted = numbers.Distinct().Order().ToList();
        var sb = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            if (sb.Length > 0) sb.Append(',');
            sb.Append(sorted[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (j - i >= 2) sb.Append('–').Append(sorted[j].ToString(System.Globalization.CultureInfo.InvariantCulture));
            else if (j == i + 1) sb.Append(',').Append(sorted[j].ToString(System.Globalization.CultureInfo.InvariantCulture));
            i = j + 1;
        }
        return sb.ToString();
    }

    /// <summary>Wrap into as few lines as greedy wrapping needs, but with lines of even length:
    /// the narrowest width that keeps the line count ("Suspected lumbar / compression fracture"
    /// rather than a lone last word). Narrower boxes also leave more room around them.</summary>
    public static List<string> WrapBalanced(string text, ITextMeasurer m, FontStyleKind style, double size, double maxWidth, double trailing = 0)
    {
        var best = Wrap(text, m, style, size, maxWidth, trailing);
        if (best.Count < 2) return best;
        double lo = maxWidth / 2, hi = maxWidth;
        for (var i = 0; i < 10; i++)
        {
            var mid = (lo + hi) / 2;
            var lines = Wrap(text, m, style, size, mid, trailing);
            if (lines.Count == best.Count && !lines.Any(l => l.Length > 0 && m.Width(l, style, size) > mid)) { best = lines; hi = mid; }
            else lo = mid;
        }
        return best;
    }

    /// <summary>Greedy word wrap to <paramref name="maxWidth"/>. <paramref name="trailing"/> is
    /// width kept free after the last word (for the superscript) so it never spills over.
    /// A word longer than the width is broken by characters.</summary>
    public static List<string> Wrap(string text, ITextMeasurer m, FontStyleKind style, double size, double maxWidth, double trailing = 0)
    {
        var lines = new List<string>();
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var current = "";
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var extra = i == words.Length - 1 ? trailing : 0;
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (m.Width(candidate, style, size) + extra <= maxWidth)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0) lines.Add(current);
            current = "";
            // Break an over-long word by characters.
            while (m.Width(word, style, size) + extra > maxWidth && word.Length > 1)
            {
                // Grow the piece from the front rather than shrink it from the back: shrinking
                // measured every prefix of the word (cubic in its length; a 20,000-character word
                // never finished). Widths grow with length, so the result is the same.
                var cut = 1;
                while (cut < word.Length - 1 && m.Width(word[..(cut + 1)], style, size) <= maxWidth) cut++;
                lines.Add(word[..cut]);
                word = word[cut..];
            }
            current = word;
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current);
        return lines;
    }
}
