namespace KbGen.Rendering.Layout;

/// <summary>A padded box with a background, an optional bold title, and blocks inside. Splits
/// across pages: each part gets its own box; the title is not repeated.</summary>
public sealed record Callout(IReadOnlyList<Block> Content) : Block
{
    public Callout(string? title, params Block[] content) : this((IReadOnlyList<Block>)content) { Title = title; }

    public string? Title { get; init; }
    public double TitleSize { get; init; } = 11;
    public Rgb TitleColor { get; init; } = Rgb.Black;
    public Rgb Background { get; init; } = Rgb.Parse("#eef3f8");
    public Rgb? Border { get; init; }
    public double Padding { get; init; } = 8;

    public override Plan Measure(LayoutContext context, Region region)
    {
        var pad2 = 2 * Padding;
        if (region.Height <= pad2)
            return region.AtTop ? Plan.CannotFit("A callout's padding is taller than the page") : Plan.Nothing();

        var children = new List<Block>();
        if (Title != null)
            children.Add(new Paragraph([Run.Bold(Title)]) { Size = TitleSize, Color = TitleColor, KeepWithNext = true, SpaceAfter = TitleSize * 0.4 });
        children.AddRange(Content);
        var plan = new Stack(children).Measure(context, region.Shrink(pad2, pad2));
        if (!plan.Places) return plan;

        var frag = new Fragment();
        var height = plan.Height + pad2;
        frag.Commands.Add(new RectCommand(0, 0, region.Width, height, Background, Border) { Role = ContentRole.Decoration });
        frag.Add(plan, Padding, Padding);
        return plan.Kind == PlanKind.Full
            ? Plan.Full(height, frag.Commands, frag.Anchors)
            : Plan.Partial(height, frag.Commands, frag.Anchors, this with { Title = null, Content = [plan.Remainder!] });
    }
}
