using KbGen.Loading;

namespace KbGen.Rendering.Layout;

/// <summary>A PNG, JPEG or BMP image. Its natural size is PixelWidth x PixelHeight at <see cref="Dpi"/>;
/// it is scaled down (never up) to fit the width, and to fit an empty page if taller.</summary>
public sealed record ImageBlock(byte[] Data, int PixelWidth, int PixelHeight) : Block
{
    public double Dpi { get; init; } = 96;
    /// <summary>Upper bound on the drawn width in points (e.g. a QR code of 2.5 cm).</summary>
    public double? MaxWidth { get; init; }
    public TextAlign Align { get; init; } = TextAlign.Left;
    public string? AltText { get; init; }
    /// <summary>Smooth the image when it is scaled (photos, logos); false keeps pixel edges sharp
    /// (QR codes stored at one pixel per module).</summary>
    public bool Interpolate { get; init; } = true;

    /// <summary>Reads the pixel size from PNG or JPEG bytes.</summary>
    public static ImageBlock FromBytes(byte[] data)
    {
        var (w, h) = ImageProbe.Read(data);
        return new ImageBlock(data, w, h);
    }

    public override Plan Measure(LayoutContext context, Region region)
    {
        if (PixelWidth <= 0 || PixelHeight <= 0 || Dpi <= 0) return Plan.CannotFit("Image has no size");
        var w = PixelWidth * 72.0 / Dpi;
        var h = PixelHeight * 72.0 / Dpi;
        var scale = Math.Min(1, Math.Min(MaxWidth ?? double.MaxValue, region.Width) / w);
        // Taller than an empty region: shrink to fit one, rather than never fitting.
        var tallest = region.AtTop ? region.Height : region.FullHeight;
        if (h * scale > tallest) scale = tallest / h;
        w *= scale;
        h *= scale;
        if (w <= 0 || h <= 0) return Plan.CannotFit("No room for an image");
        if (h > region.Height + 1e-6) return Plan.Nothing();
        var x = Align switch
        {
            TextAlign.Center => (region.Width - w) / 2,
            TextAlign.Right => region.Width - w,
            _ => 0,
        };
        return Plan.Full(h, [new ImageCommand(x, 0, w, h, Data) { AltText = AltText, Interpolate = Interpolate, Role = ContentRole.Figure }]);
    }
}

