using System.Text;

namespace KbGen.Rendering.Layout;

/// <summary>Greedy word wrap over styled runs. Lines break only at whitespace (collapsed to
/// one space, dropped at line ends), after a hyphen already in the text, at '\n' (forced), or,
/// for a word wider than the line, between characters.</summary>
internal static class LineBreaker
{
    public const double SuperscriptScale = 0.65;
    public const double SuperscriptRise = 0.33;
    private const double Epsilon = 1e-6;

    internal enum Break { End, Space, Hyphen, Char, Hard }

    /// <summary>Text of one run placed on a line, with its x and measured width.</summary>
    internal readonly record struct Piece(int Run, string Text, double X, double Width);

    internal sealed class Line
    {
        public List<Piece> Pieces { get; } = [];
        public double Width;
        public Break End;
        /// <summary>Run of the whitespace that ended this line (Break.Space), for rebuilding text.</summary>
        public int SpaceRun;
    }

    private sealed class Unit
    {
        public List<(int Run, StringBuilder Text)> Segs { get; } = [];
        public Break After = Break.End;
        public int SpaceRun;
        public bool IsEmpty => Segs.Count == 0;

        public void Append(int run, char c)
        {
            if (Segs.Count == 0 || Segs[^1].Run != run) Segs.Add((run, new StringBuilder()));
            Segs[^1].Text.Append(c);
        }
    }

    public static double FontSize(Run run, double size) => run.Superscript ? size * SuperscriptScale : size;

    public static List<Line> Wrap(IReadOnlyList<Run> runs, double size, double width, ITextMeasurer m)
    {
        var units = Tokenise(runs);
        var lines = new List<Line>();
        var line = new Line();
        Unit? prev = null;

        double W(int run, string text) => text.Length == 0 ? 0 : m.Width(text, runs[run].Style, FontSize(runs[run], size));

        void Finish(Break end, int spaceRun)
        {
            line.End = end;
            line.SpaceRun = spaceRun;
            lines.Add(line);
            line = new Line();
        }

        foreach (var u in units)
        {
            var segWidths = u.Segs.Select(s => W(s.Run, s.Text.ToString())).ToArray();
            var uw = segWidths.Sum();
            var gap = line.Pieces.Count > 0 && prev is { After: Break.Space } ? W(prev.SpaceRun, " ") : 0;
            if (line.Pieces.Count > 0 && line.Width + gap + uw > width + Epsilon)
            {
                Finish(prev!.After, prev.SpaceRun);
                gap = 0;
            }
            if (line.Pieces.Count == 0 && uw > width + Epsilon)
            {
                BreakByCharacters(u, runs, size, width, m, ref line, lines);
            }
            else
            {
                if (gap > 0)
                {
                    line.Pieces.Add(new Piece(prev!.SpaceRun, " ", line.Width, gap));
                    line.Width += gap;
                }
                for (var i = 0; i < u.Segs.Count; i++)
                {
                    line.Pieces.Add(new Piece(u.Segs[i].Run, u.Segs[i].Text.ToString(), line.Width, segWidths[i]));
                    line.Width += segWidths[i];
                }
            }
            if (u.After == Break.Hard) Finish(Break.Hard, 0);
            prev = u;
        }
        if (line.Pieces.Count > 0) Finish(Break.End, 0);
        return lines;
    }

    /// <summary>A word wider than the line: fill lines character by character (never splitting a
    /// surrogate pair); at least one character per line so that layout always progresses.</summary>
    private static void BreakByCharacters(Unit u, IReadOnlyList<Run> runs, double size, double width, ITextMeasurer m, ref Line line, List<Line> lines)
    {
        foreach (var (run, sb) in u.Segs)
        {
            var text = sb.ToString();
            var style = runs[run].Style;
            var fs = FontSize(runs[run], size);
            var start = 0;
            var segX = line.Width;
            var i = 0;
            while (i < text.Length)
            {
                var len = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                var cw = m.Width(text.Substring(i, len), style, fs);
                if (line.Width + cw > width + Epsilon && line.Pieces.Count + (i > start ? 1 : 0) > 0)
                {
                    if (i > start) line.Pieces.Add(new Piece(run, text[start..i], segX, line.Width - segX));
                    line.End = Break.Char;
                    lines.Add(line);
                    line = new Line();
                    start = i;
                    segX = 0;
                }
                line.Width += cw;
                i += len;
            }
            if (i > start) line.Pieces.Add(new Piece(run, text[start..i], segX, line.Width - segX));
        }
    }

    private static List<Unit> Tokenise(IReadOnlyList<Run> runs)
    {
        var units = new List<Unit>();
        var cur = new Unit();

        void Flush(Break after, int spaceRun)
        {
            cur.After = after;
            cur.SpaceRun = spaceRun;
            units.Add(cur);
            cur = new Unit();
        }

        for (var r = 0; r < runs.Count; r++)
        {
            var text = runs[r].Text;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\n')
                {
                    if (!cur.IsEmpty) Flush(Break.Hard, 0);
                    else if (units.Count > 0 && units[^1].After is Break.Space or Break.End) units[^1].After = Break.Hard;
                    else Flush(Break.Hard, 0); // an empty line
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (!cur.IsEmpty) Flush(Break.Space, r);
                    // otherwise collapsed into the previous space, or leading whitespace: dropped
                }
                else
                {
                    cur.Append(r, c);
                    if (c == '-' && cur.Segs.Sum(s => s.Text.Length) > 1 && NextIsWordChar(runs, r, i))
                        Flush(Break.Hyphen, 0);
                }
            }
        }
        if (!cur.IsEmpty) Flush(Break.End, 0);
        else if (units.Count > 0 && units[^1].After == Break.Space) units[^1].After = Break.End;
        return units;
    }

    private static bool NextIsWordChar(IReadOnlyList<Run> runs, int r, int i)
    {
        for (; r < runs.Count; r++, i = -1)
        {
            var t = runs[r].Text;
            if (i + 1 < t.Length) return !char.IsWhiteSpace(t[i + 1]) && t[i + 1] != '-';
        }
        return false;
    }

    /// <summary>The runs that hold exactly the text of the given lines, so that a remainder
    /// paragraph re-wraps to the same words (nothing lost, nothing repeated).</summary>
    public static List<Run> Rebuild(IReadOnlyList<Run> runs, IEnumerable<Line> lines)
    {
        var parts = new List<(int Run, string Text)>();
        foreach (var line in lines)
        {
            foreach (var p in line.Pieces) parts.Add((p.Run, p.Text));
            switch (line.End)
            {
                case Break.Space: parts.Add((line.SpaceRun, " ")); break;
                case Break.Hard: parts.Add((parts.Count > 0 ? parts[^1].Run : 0, "\n")); break;
            }
        }
        var result = new List<Run>();
        int? last = null;
        var sb = new StringBuilder();
        foreach (var (run, text) in parts)
        {
            if (last != run && last is { } l) { result.Add(runs[l] with { Text = sb.ToString() }); sb.Clear(); }
            last = run;
            sb.Append(text);
        }
        if (last is { } k) result.Add(runs[k] with { Text = sb.ToString() });
        return result;
    }
}
