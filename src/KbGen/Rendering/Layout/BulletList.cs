namespace KbGen.Rendering.Layout;

/// <summary>One list entry: paragraphs and sub-lists.</summary>
public sealed record ListItem(IReadOnlyList<Block> Content)
{
    public ListItem(string text) : this([new Paragraph(text)]) { }
    public ListItem(params Block[] content) : this((IReadOnlyList<Block>)content) { }
}

/// <summary>A bulleted or numbered list with hanging indents. A <see cref="BulletList"/> inside an
/// item is laid out one level deeper (further indented, next bullet shape).</summary>
public sealed record BulletList(IReadOnlyList<ListItem> Items) : Block
{
    private static readonly string[] Bullets = ["•", "◦", "▪"];

    /// <summary>Distance from the list's left edge to its item text; the marker hangs in it.</summary>
    public double Indent { get; init; } = 14;
    public double ItemSpacing { get; init; } = 2;
    public bool Ordered { get; init; }
    public int Start { get; init; } = 1;
    /// <summary>Nesting depth, 0 for a top-level list; set by the enclosing list.</summary>
    public int Depth { get; init; }
    public Rgb MarkerColor { get; init; } = Rgb.Black;

    public override Plan Measure(LayoutContext context, Region region)
    {
        var items = Items.Select((item, i) => (Block)new ListItemBlock(
            Marker(i),
            new Stack(item.Content.Select(b => b is BulletList sub ? sub with { Depth = Depth + 1 } : b).ToList()),
            Indent,
            MarkerColor) { SpaceAfter = ItemSpacing }).ToList();
        return new Stack(items).Measure(context, region);
    }

    private string Marker(int i) => Ordered ? $"{Start + i}." : Bullets[Depth % Bullets.Length];
}

/// <summary>An item being laid out: marker (null on the continuation of a split item) hanging
/// left of the content, on the baseline of the content's first line.</summary>
internal sealed record ListItemBlock(string? Marker, Block Content, double Indent, Rgb MarkerColor) : Block
{
    private const double MarkerGap = 4;

    public override Plan Measure(LayoutContext context, Region region)
    {
        var plan = Content.Measure(context, region.Shrink(Indent, 0));
        if (!plan.Places) return plan;

        var frag = new Fragment();
        var firstText = plan.Commands.OfType<TextCommand>().FirstOrDefault();
        if (Marker != null)
        {
            var size = firstText is { Superscript: false } ? firstText.Size : 10;
            var baseline = firstText?.Baseline ?? context.Measurer.Ascent(FontStyleKind.Regular, size);
            var w = context.Measurer.Width(Marker, FontStyleKind.Regular, size);
            frag.Commands.Add(new TextCommand(Indent - MarkerGap - w, baseline, Marker, FontStyleKind.Regular, size, MarkerColor, w)
            {
                Role = ContentRole.ListLabel,
            });
        }
        frag.Add(plan, Indent, 0);
        return plan.Kind == PlanKind.Full
            ? Plan.Full(plan.Height, frag.Commands, frag.Anchors)
            : Plan.Partial(plan.Height, frag.Commands, frag.Anchors, this with { Marker = null, Content = plan.Remainder! });
    }
}
