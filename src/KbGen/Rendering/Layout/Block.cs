namespace KbGen.Rendering.Layout;

/// <summary>Something that can be measured against the space left and answer a <see cref="Plan"/>.
/// Blocks are immutable: a split returns a new remainder block.</summary>
public abstract record Block
{
    /// <summary>Gap before this block, dropped at the top of a page or region (collapses with the previous SpaceAfter: the larger wins).</summary>
    public double SpaceBefore { get; init; }
    /// <summary>Gap after this block, dropped at the bottom of a page or region.</summary>
    public double SpaceAfter { get; init; }
    /// <summary>Never leave this block as the last thing on a page: at least the start of the next block must follow it.</summary>
    public bool KeepWithNext { get; init; }

    public abstract Plan Measure(LayoutContext context, Region region);
}
