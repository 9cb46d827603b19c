namespace KbGen.Rendering.Layout;

/// <summary>A horizontal line across the region.</summary>
public sealed record Rule : Block
{
    public Rule() { SpaceBefore = 4; SpaceAfter = 4; }

    public double Thickness { get; init; } = 0.75;
    public Rgb Color { get; init; } = Rgb.Gray(160);

    public override Plan Measure(LayoutContext context, Region region)
    {
        if (Thickness > region.Height + 1e-6)
            return region.AtTop ? Plan.CannotFit("Rule thicker than the page") : Plan.Nothing();
        return Plan.Full(Thickness, [new LineCommand(0, Thickness / 2, region.Width, Thickness / 2, Color, Thickness) { Role = ContentRole.Decoration }]);
    }
}

/// <summary>Vertical space. At the bottom of a page it takes what is left and does not carry over.</summary>
public sealed record Spacer(double Height) : Block
{
    public override Plan Measure(LayoutContext context, Region region) => Plan.Full(Math.Min(Height, region.Height), []);
}
