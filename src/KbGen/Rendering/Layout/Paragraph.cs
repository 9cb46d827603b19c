namespace KbGen.Rendering.Layout;

/// <summary>Wrapped text of styled runs. Splits between lines; the remainder holds exactly the
/// text of the lines not placed.</summary>
public sealed record Paragraph(IReadOnlyList<Run> Runs) : Block
{
    public Paragraph(string text) : this([new Run(text)]) { }

    public double Size { get; init; } = 10;
    /// <summary>Multiplier on the measurer's line height.</summary>
    public double LineSpacing { get; init; } = 1.15;
    public Rgb Color { get; init; } = Rgb.Black;
    public TextAlign Align { get; init; } = TextAlign.Left;
    public ContentRole Role { get; init; } = ContentRole.Paragraph;

    public double LineHeight(ITextMeasurer m) => m.LineHeight(FontStyleKind.Regular, Size) * LineSpacing;

    public override Plan Measure(LayoutContext context, Region region)
    {
        var m = context.Measurer;
        var lines = LineBreaker.Wrap(Runs, Size, region.Width, m);
        if (lines.Count == 0) return Plan.Full(0, []);
        var lh = LineHeight(m);
        var fit = (int)Math.Floor((region.Height + 1e-6) / lh);
        if (fit == 0)
            return region.AtTop ? Plan.CannotFit($"A line of {lh:0.##}pt is taller than the {region.Height:0.##}pt region") : Plan.Nothing();

        var n = Math.Min(fit, lines.Count);
        var commands = new List<DrawCommand>();
        var ascent = m.Ascent(FontStyleKind.Regular, Size) + (lh - m.LineHeight(FontStyleKind.Regular, Size)) / 2;
        for (var i = 0; i < n; i++)
            EmitLine(lines[i], i * lh + ascent, region.Width, commands);
        if (n == lines.Count) return Plan.Full(n * lh, commands);
        return Plan.Partial(n * lh, commands, null, this with { Runs = LineBreaker.Rebuild(Runs, lines.Skip(n)) });
    }

    /// <summary>One TextCommand per stretch of a single run, spaces included, so that text
    /// extraction sees the words and one link rectangle covers a whole linked phrase.</summary>
    private void EmitLine(LineBreaker.Line line, double baseline, double width, List<DrawCommand> commands)
    {
        var shift = Align switch
        {
            TextAlign.Center => (width - line.Width) / 2,
            TextAlign.Right => width - line.Width,
            _ => 0,
        };
        var i = 0;
        while (i < line.Pieces.Count)
        {
            var first = line.Pieces[i];
            var w = first.Width;
            var length = first.Text.Length;
            var j = i + 1;
            for (; j < line.Pieces.Count && line.Pieces[j].Run == first.Run; j++)
            {
                length += line.Pieces[j].Text.Length;
                w += line.Pieces[j].Width;
            }
            var text = j == i + 1 ? first.Text : Join(line.Pieces, i, j, length);
            var run = Runs[first.Run];
            var size = LineBreaker.FontSize(run, Size);
            var y = run.Superscript ? baseline - Size * LineBreaker.SuperscriptRise : baseline;
            commands.Add(new TextCommand(shift + first.X, y, text, run.Style, size, run.Color ?? Color, w)
            {
                Link = run.Link,
                Superscript = run.Superscript,
                Role = Role,
            });
            i = j;
        }
    }

    /// <summary>The texts of pieces [from, to) as one string, allocated once.</summary>
    private static string Join(List<LineBreaker.Piece> pieces, int from, int to, int length) =>
        string.Create(length, (pieces, from, to), static (span, state) =>
        {
            for (var k = state.from; k < state.to; k++)
            {
                state.pieces[k].Text.AsSpan().CopyTo(span);
                span = span[state.pieces[k].Text.Length..];
            }
        });
}
