using System.Buffers.Binary;

namespace KbGen.Rendering.Layout;

/// <summary>A PNG or JPEG image. Its natural size is PixelWidth x PixelHeight at <see cref="Dpi"/>;
/// it is scaled down (never up) to fit the width, and to fit an empty page if taller.</summary>
public sealed record ImageBlock(byte[] Data, int PixelWidth, int PixelHeight) : Block
{
    public double Dpi { get; init; } = 96;
    /// <summary>Upper bound on the drawn width in points (e.g. a QR code of 2.5 cm).</summary>
    public double? MaxWidth { get; init; }
    public TextAlign Align { get; init; } = TextAlign.Left;
    public string? AltText { get; init; }

    /// <summary>Reads the pixel size from PNG or JPEG bytes.</summary>
    public static ImageBlock FromBytes(byte[] data)
    {
        var (w, h) = ImageSize.Read(data);
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
        return Plan.Full(h, [new ImageCommand(x, 0, w, h, Data) { AltText = AltText, Role = ContentRole.Figure }]);
    }
}

/// <summary>Pixel size from image headers, without decoding.</summary>
public static class ImageSize
{
    public static (int Width, int Height) Read(byte[] d)
    {
        // PNG: signature, then the IHDR chunk with big-endian width and height.
        if (d.Length >= 24 && d[0] == 0x89 && d[1] == (byte)'P' && d[2] == (byte)'N' && d[3] == (byte)'G')
            return (BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(20)));
        // JPEG: walk the segments to a start-of-frame marker.
        if (d.Length >= 4 && d[0] == 0xFF && d[1] == 0xD8)
        {
            var i = 2;
            while (i + 9 < d.Length)
            {
                if (d[i] != 0xFF) { i++; continue; }
                var marker = d[i + 1];
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                    return (BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(i + 5)));
                if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7) or 0xFF) { i += marker == 0xFF ? 1 : 2; continue; }
                i += 2 + BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(i + 2));
            }
        }
        throw new FormatException("Not a PNG or JPEG image");
    }
}
