namespace KbGen.Rendering.Layout;

/// <summary>A section heading, level 1-3. Kept with the next block, never split unless it is
/// alone at the top of a page, and recorded as an <see cref="Anchor"/> for bookmarks.</summary>
public sealed record Heading : Block
{
    public Heading(int level, string text, string? id = null)
    {
        if (level is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(level), "Heading levels are 1-3");
        Level = level;
        Text = text;
        Id = id;
        Size = level switch { 1 => 18, 2 => 14, _ => 12 };
        KeepWithNext = true;
        SpaceBefore = Size * 0.6;
        SpaceAfter = Size * 0.3;
    }

    public int Level { get; init; }
    public string Text { get; init; }
    public string? Id { get; init; }
    public double Size { get; init; }
    public Rgb Color { get; init; } = Rgb.Black;

    public override Plan Measure(LayoutContext context, Region region)
    {
        var role = Level switch { 1 => ContentRole.Heading1, 2 => ContentRole.Heading2, _ => ContentRole.Heading3 };
        var p = new Paragraph([Run.Bold(Text)]) { Size = Size, Color = Color, Role = role, LineSpacing = 1.1 };
        var plan = p.Measure(context, region);
        var anchors = new[] { new Anchor(Level, Text, Id, 0) };
        return plan.Kind switch
        {
            PlanKind.Full => Plan.Full(plan.Height, plan.Commands, anchors),
            PlanKind.Partial when region.AtTop => Plan.Partial(plan.Height, plan.Commands, anchors, plan.Remainder!),
            PlanKind.Partial => Plan.Nothing(),
            _ => plan,
        };
    }
}
