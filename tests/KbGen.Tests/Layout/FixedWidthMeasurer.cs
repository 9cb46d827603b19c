using KbGen.Rendering.Layout;

namespace KbGen.Tests.Layout;

/// <summary>Every character is 5pt wide whatever the style or size; a line is 1.2 × size high.</summary>
internal sealed class FixedWidthMeasurer : ITextMeasurer
{
    public const double CharWidth = 5;
    public double Width(string text, FontStyleKind style, double size) => text.Length * CharWidth;
    public double LineHeight(FontStyleKind style, double size) => size * 1.2;
    public double Ascent(FontStyleKind style, double size) => size * 0.8;
}

internal static class LayoutTestHelpers
{
    public static readonly LayoutContext Context = new(new FixedWidthMeasurer());

    public static Plan Measure(Block block, double width, double height = 10_000, bool atTop = true) =>
        block.Measure(Context, new Region(width, height, atTop, height));

    /// <summary>Text commands grouped into visual lines (by baseline, superscripts joined to
    /// their line), each line's fragments concatenated left to right.</summary>
    public static List<string> Lines(IEnumerable<DrawCommand> commands)
    {
        var texts = commands.OfType<TextCommand>().Where(t => t.Role != ContentRole.ListLabel && t.Role != ContentRole.PageFurniture).ToList();
        var lines = new List<(double Baseline, List<TextCommand> Parts)>();
        foreach (var t in texts)
        {
            var line = lines.FirstOrDefault(l => Math.Abs(l.Baseline - t.Baseline) < 5);
            if (line.Parts == null) lines.Add((t.Baseline, [t]));
            else line.Parts.Add(t);
        }
        return lines.Select(l => string.Concat(l.Parts.OrderBy(p => p.X).Select(p => p.Text))).ToList();
    }

    public static LaidOutDocument Paginate(IEnumerable<Block> blocks, double contentWidth, double contentHeight, PageSpec? spec = null)
    {
        var page = (spec ?? new PageSpec(contentWidth + 20, contentHeight + 20)) with { Margins = Margins.All(10) };
        return new LayoutEngine(new FixedWidthMeasurer()).Paginate(blocks, page);
    }
}
