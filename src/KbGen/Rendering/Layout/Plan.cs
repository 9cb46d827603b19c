namespace KbGen.Rendering.Layout;

public enum PlanKind
{
    /// <summary>Nothing fits in the space left; try again on a fresh page.</summary>
    Nothing,
    /// <summary>A part fits: <see cref="Plan.Commands"/> draw it, <see cref="Plan.Remainder"/> is the rest.</summary>
    Partial,
    /// <summary>Everything fits.</summary>
    Full,
    /// <summary>Cannot fit even on an empty page (see <see cref="Plan.Reason"/>).</summary>
    CannotFit,
}

/// <summary>The space offered to a block. <see cref="AtTop"/>: nothing has been placed above it in
/// this region, so answering Nothing would loop for ever. <see cref="FullHeight"/> is the height of
/// the region when empty (an image taller than that is scaled to fit it).</summary>
public readonly record struct Region(double Width, double Height, bool AtTop, double FullHeight)
{
    public Region Shrink(double dx, double dy) =>
        new(Math.Max(0, Width - dx), Math.Max(0, Height - dy), AtTop, Math.Max(0, FullHeight - dy));
}

public sealed class LayoutContext(ITextMeasurer measurer)
{
    public ITextMeasurer Measurer { get; } = measurer;
}

/// <summary>A block's answer to "how much of you fits here?". Commands and anchors are relative
/// to the top left of the offered region.</summary>
public sealed class Plan
{
    private static readonly IReadOnlyList<DrawCommand> NoCommands = [];
    private static readonly IReadOnlyList<Anchor> NoAnchors = [];

    private Plan(PlanKind kind, double height, IReadOnlyList<DrawCommand> commands, IReadOnlyList<Anchor> anchors, Block? remainder, string? reason)
    {
        Kind = kind; Height = height; Commands = commands; Anchors = anchors; Remainder = remainder; Reason = reason;
    }

    public PlanKind Kind { get; }
    public double Height { get; }
    public IReadOnlyList<DrawCommand> Commands { get; }
    public IReadOnlyList<Anchor> Anchors { get; }
    public Block? Remainder { get; }
    public string? Reason { get; }

    public bool Places => Kind is PlanKind.Full or PlanKind.Partial;

    public static Plan Nothing() => new(PlanKind.Nothing, 0, NoCommands, NoAnchors, null, null);
    public static Plan CannotFit(string reason) => new(PlanKind.CannotFit, 0, NoCommands, NoAnchors, null, reason);
    public static Plan Full(double height, IReadOnlyList<DrawCommand> commands, IReadOnlyList<Anchor>? anchors = null) =>
        new(PlanKind.Full, height, commands, anchors ?? NoAnchors, null, null);
    public static Plan Partial(double height, IReadOnlyList<DrawCommand> commands, IReadOnlyList<Anchor>? anchors, Block remainder) =>
        new(PlanKind.Partial, height, commands, anchors ?? NoAnchors, remainder, null);
}

/// <summary>Collects commands and anchors of children at offsets.</summary>
internal sealed class Fragment
{
    public List<DrawCommand> Commands { get; } = [];
    public List<Anchor> Anchors { get; } = [];

    public void Add(Plan plan, double dx, double dy)
    {
        foreach (var c in plan.Commands) Commands.Add(dx == 0 && dy == 0 ? c : c.Offset(dx, dy));
        foreach (var a in plan.Anchors) Anchors.Add(a.Offset(dy));
    }
}

public sealed class LayoutException(string message) : Exception(message);
