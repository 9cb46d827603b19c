namespace KbGen.Rendering.Layout;

/// <summary>A positioned drawing operation. Coordinates are points, origin at the top left of
/// the page (or of the enclosing block while a plan is being built), y grows downwards.</summary>
public abstract record DrawCommand
{
    public ContentRole Role { get; init; } = ContentRole.Paragraph;
    public abstract DrawCommand Offset(double dx, double dy);
}

/// <summary>A fragment of one line in one style. <see cref="Baseline"/> is the y of the baseline;
/// superscript is already applied to Size and Baseline. Width is the measured advance.</summary>
public sealed record TextCommand(double X, double Baseline, string Text, FontStyleKind Style, double Size, Rgb Color, double Width) : DrawCommand
{
    public string? Link { get; init; }
    public bool Superscript { get; init; }
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Baseline = Baseline + dy };
}

public sealed record RectCommand(double X, double Y, double Width, double Height, Rgb? Fill, Rgb? Stroke, double StrokeWidth = 0.75) : DrawCommand
{
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Y = Y + dy };
}

/// <summary>PNG, JPEG or BMP bytes drawn into the given box.</summary>
public sealed record ImageCommand(double X, double Y, double Width, double Height, byte[] Data) : DrawCommand
{
    public string? AltText { get; init; }
    /// <summary>Smooth when scaled; false for pixel-exact images such as QR codes.</summary>
    public bool Interpolate { get; init; } = true;
    public override DrawCommand Offset(double dx, double dy) => this with { X = X + dx, Y = Y + dy };
}

public sealed record LineCommand(double X1, double Y1, double X2, double Y2, Rgb Color, double Thickness) : DrawCommand
{
    public override DrawCommand Offset(double dx, double dy) => this with { X1 = X1 + dx, Y1 = Y1 + dy, X2 = X2 + dx, Y2 = Y2 + dy };
}

/// <summary>A heading placed while measuring, Y relative to the plan that holds it.</summary>
public sealed record Anchor(int Level, string Text, string? Id, double Y)
{
    public Anchor Offset(double dy) => this with { Y = Y + dy };
}

/// <summary>A heading as placed in the final document: for bookmarks and structure.</summary>
public sealed record OutlineEntry(int Level, string Text, string? Id, int PageIndex, double Y);
