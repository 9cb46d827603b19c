namespace KbGen.Rendering.Layout;

/// <summary>Blocks one under another: the pagination loop of a page, a callout or a list item.
/// Applies spacing and keep-with-next, and splits into a remainder stack.</summary>
public sealed record Stack(IReadOnlyList<Block> Children) : Block
{
    private const double Epsilon = 1e-6;

    public override Plan Measure(LayoutContext context, Region region)
    {
        var frag = new Fragment();
        var y = 0.0;
        var placed = false;
        Block? previous = null;
        for (var i = 0; i < Children.Count; i++)
        {
            var child = Children[i];
            var gap = placed ? Math.Max(previous!.SpaceAfter, child.SpaceBefore) : 0;
            var top = y + gap;
            var childRegion = new Region(region.Width, Math.Max(0, region.Height - top), region.AtTop && !placed, region.FullHeight);
            var plan = child.Measure(context, childRegion);

            if (plan.Kind == PlanKind.CannotFit) return plan;
            if (plan.Kind == PlanKind.Nothing)
                return Stop(frag, y, placed, i, region, $"{child.GetType().Name} does not fit on an empty page");

            // Keep-with-next: unless we are already at the top (moving on would not help),
            // the start of what follows must fit beside this block.
            if (plan.Kind == PlanKind.Full && child.KeepWithNext && childRegion.AtTop == false
                && !FollowersFit(context, i, region.Width, region.Height - top - plan.Height, region.FullHeight))
                return Stop(frag, y, placed, i, region, null);

            frag.Add(plan, 0, top);
            y = top + plan.Height;
            placed = true;
            previous = child;
            if (plan.Kind == PlanKind.Partial)
                return Plan.Partial(y, frag.Commands, frag.Anchors, new Stack([plan.Remainder!, .. Children.Skip(i + 1)]));
        }
        return Plan.Full(y, frag.Commands, frag.Anchors);
    }

    private Plan Stop(Fragment frag, double y, bool placed, int i, Region region, string? cannotFitReason)
    {
        if (placed) return Plan.Partial(y, frag.Commands, frag.Anchors, new Stack([.. Children.Skip(i)]));
        if (region.AtTop && cannotFitReason != null) return Plan.CannotFit(cannotFitReason);
        return Plan.Nothing();
    }

    /// <summary>Does at least the beginning of the block after <paramref name="i"/> fit in
    /// <paramref name="space"/>? A chain of keep-with-next blocks must fit whole, up to the first
    /// ordinary block, of which a part (one line) is enough.</summary>
    private bool FollowersFit(LayoutContext context, int i, double width, double space, double fullHeight)
    {
        if (i + 1 >= Children.Count) return true;
        var next = Children[i + 1];
        space -= Math.Max(Children[i].SpaceAfter, next.SpaceBefore);
        if (space < -Epsilon) return false;
        var plan = next.Measure(context, new Region(width, Math.Max(0, space), false, fullHeight));
        return plan.Kind switch
        {
            PlanKind.Full => !next.KeepWithNext || FollowersFit(context, i + 1, width, space - plan.Height, fullHeight),
            PlanKind.Partial => !next.KeepWithNext,
            _ => false,
        };
    }
}
