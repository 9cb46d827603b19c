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

    internal sealed class Line(int capacity = 0)
    {
        public List<Piece> Pieces { get; } = new(capacity);
        public double Width;
        public Break End;
        /// <summary>Run of the whitespace that ended this line (Break.Space), for rebuilding text.</summary>
        public int SpaceRun;
    }

    /// <summary>A word's text in one run; a word that spans runs has one segment per run.</summary>
    private readonly record struct Seg(int Run, string Text);

    /// <summary>A word (unbreakable unless wider than a line): segments [SegStart, SegStart + SegCount)
    /// of the segment list, and what may follow it.</summary>
    private struct Unit
    {
        public int SegStart, SegCount;
        public Break After;
        public int SpaceRun;
    }

    public static double FontSize(Run run, double size) => run.Superscript ? size * SuperscriptScale : size;

    public static List<Line> Wrap(IReadOnlyList<Run> runs, double size, double width, ITextMeasurer m)
    {
        var (segs, units) = Tokenise(runs);
        var lines = new List<Line>();
        var line = new Line(16);
        var hasPrev = false;
        var prev = default(Unit);

        double W(int run, string text) => text.Length == 0 ? 0 : m.Width(text, runs[run].Style, FontSize(runs[run], size));

        void Finish(Break end, int spaceRun)
        {
            line.End = end;
            line.SpaceRun = spaceRun;
            lines.Add(line);
            line = new Line(line.Pieces.Count); // the next line likely holds as many pieces
        }

        Span<double> small = stackalloc double[8];
        foreach (var u in units)
        {
            var segWidths = u.SegCount <= small.Length ? small[..u.SegCount] : new double[u.SegCount];
            var uw = 0.0;
            for (var i = 0; i < u.SegCount; i++)
            {
                segWidths[i] = W(segs[u.SegStart + i].Run, segs[u.SegStart + i].Text);
                uw += segWidths[i];
            }
            var gap = line.Pieces.Count > 0 && hasPrev && prev.After == Break.Space ? W(prev.SpaceRun, " ") : 0;
            if (line.Pieces.Count > 0 && line.Width + gap + uw > width + Epsilon)
            {
                Finish(prev.After, prev.SpaceRun);
                gap = 0;
            }
            if (line.Pieces.Count == 0 && uw > width + Epsilon)
            {
                BreakByCharacters(segs, u, runs, size, width, m, ref line, lines);
            }
            else
            {
                if (gap > 0)
                {
                    line.Pieces.Add(new Piece(prev.SpaceRun, " ", line.Width, gap));
                    line.Width += gap;
                }
                for (var i = 0; i < u.SegCount; i++)
                {
                    line.Pieces.Add(new Piece(segs[u.SegStart + i].Run, segs[u.SegStart + i].Text, line.Width, segWidths[i]));
                    line.Width += segWidths[i];
                }
            }
            if (u.After == Break.Hard) Finish(Break.Hard, 0);
            prev = u;
            hasPrev = true;
        }
        if (line.Pieces.Count > 0) Finish(Break.End, 0);
        return lines;
    }

    /// <summary>A word wider than the line: fill lines character by character (never splitting a
    /// surrogate pair); at least one character per line so that layout always progresses.</summary>
    private static void BreakByCharacters(List<Seg> segs, Unit u, IReadOnlyList<Run> runs, double size, double width, ITextMeasurer m, ref Line line, List<Line> lines)
    {
        for (var k = u.SegStart; k < u.SegStart + u.SegCount; k++)
        {
            var (run, text) = segs[k];
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

    /// <summary>Splits runs into words. A word's text within one run is contiguous in that run's
    /// text, so each segment is one substring.</summary>
    private static (List<Seg> Segs, List<Unit> Units) Tokenise(IReadOnlyList<Run> runs)
    {
        var chars = 0;
        for (var r = 0; r < runs.Count; r++) chars += runs[r].Text.Length;
        // About one word per six characters in English prose.
        var segs = new List<Seg>(chars / 5 + 1);
        var units = new List<Unit>(chars / 5 + 1);
        var cur = new Unit { SegStart = 0 };
        var curChars = 0;
        // The segment being collected: run and start index in its text (-1: none).
        var segRun = -1;
        var segStart = 0;
        var segEnd = 0;

        void CloseSeg()
        {
            if (segRun < 0) return;
            segs.Add(new Seg(segRun, runs[segRun].Text.Substring(segStart, segEnd - segStart)));
            cur.SegCount++;
            segRun = -1;
        }

        void Flush(Break after, int spaceRun)
        {
            CloseSeg();
            cur.After = after;
            cur.SpaceRun = spaceRun;
            units.Add(cur);
            cur = new Unit { SegStart = segs.Count };
            curChars = 0;
        }

        void SetLastAfter(Break after)
        {
            var last = units[^1];
            last.After = after;
            units[^1] = last;
        }

        for (var r = 0; r < runs.Count; r++)
        {
            var text = runs[r].Text;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\n')
                {
                    if (curChars > 0) Flush(Break.Hard, 0);
                    else if (units.Count > 0 && units[^1].After is Break.Space or Break.End) SetLastAfter(Break.Hard);
                    else Flush(Break.Hard, 0); // an empty line
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (curChars > 0) Flush(Break.Space, r);
                    // otherwise collapsed into the previous space, or leading whitespace: dropped
                }
                else
                {
                    if (segRun != r)
                    {
                        CloseSeg();
                        segRun = r;
                        segStart = i;
                    }
                    segEnd = i + 1;
                    curChars++;
                    if (c == '-' && curChars > 1 && NextIsWordChar(runs, r, i))
                        Flush(Break.Hyphen, 0);
                }
            }
            CloseSeg();
        }
        if (curChars > 0) Flush(Break.End, 0);
        else if (units.Count > 0 && units[^1].After == Break.Space) SetLastAfter(Break.End);
        return (segs, units);
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
