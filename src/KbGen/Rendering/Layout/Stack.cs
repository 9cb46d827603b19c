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
        // Plans that keep-with-next measured for the blocks that follow, in exactly the region
        // those blocks are then offered: measuring a heading's section once instead of twice.
        List<(int Index, Region Region, Plan Plan)>? ahead = null;
        for (var i = 0; i < Children.Count; i++)
        {
            var child = Children[i];
            var gap = placed ? Math.Max(previous!.SpaceAfter, child.SpaceBefore) : 0;
            var top = y + gap;
            var childRegion = new Region(region.Width, Math.Max(0, region.Height - top), region.AtTop && !placed, region.FullHeight);
            var plan = Ahead(ahead, i, childRegion) ?? child.Measure(context, childRegion);

            if (plan.Kind == PlanKind.CannotFit) return plan;
            if (plan.Kind == PlanKind.Nothing)
                return Stop(frag, y, placed, i, region, $"{child.GetType().Name} does not fit on an empty page");

            // Keep-with-next: unless we are already at the top (moving on would not help),
            // the start of what follows must fit beside this block.
            if (plan.Kind == PlanKind.Full && child.KeepWithNext && childRegion.AtTop == false
                && !FollowersFit(context, i, region, top + plan.Height, ahead ??= []))
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

    private static Plan? Ahead(List<(int Index, Region Region, Plan Plan)>? ahead, int i, Region region)
    {
        if (ahead is null) return null;
        foreach (var a in ahead)
            if (a.Index == i && a.Region == region) return a.Plan;
        return null;
    }

    /// <summary>Does at least the beginning of the block after <paramref name="i"/> fit below
    /// <paramref name="bottom"/> (the y where block i ends)? A chain of keep-with-next blocks must
    /// fit whole, up to the first ordinary block, of which a part (one line) is enough. The
    /// regions are computed as <see cref="Measure"/> computes them, so that the plans made here
    /// are reused when the blocks are placed.</summary>
    private bool FollowersFit(LayoutContext context, int i, Region region, double bottom, List<(int, Region, Plan)> ahead)
    {
        if (i + 1 >= Children.Count) return true;
        var next = Children[i + 1];
        var top = bottom + Math.Max(Children[i].SpaceAfter, next.SpaceBefore);
        if (region.Height - top < -Epsilon) return false;
        var nextRegion = new Region(region.Width, Math.Max(0, region.Height - top), false, region.FullHeight);
        var plan = Ahead(ahead, i + 1, nextRegion) ?? next.Measure(context, nextRegion);
        ahead.Add((i + 1, nextRegion, plan));
        return plan.Kind switch
        {
            PlanKind.Full => !next.KeepWithNext || FollowersFit(context, i + 1, region, top + plan.Height, ahead),
            PlanKind.Partial => !next.KeepWithNext,
            _ => false,
        };
    }
}
