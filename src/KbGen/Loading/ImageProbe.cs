using System.Buffers.Binary;

namespace KbGen.Loading;

/// <summary>Pixel size from a PNG or JPEG header, without decoding: for checking clinic logos
/// when content is loaded, and for sizing images in the layout.</summary>
public static class ImageProbe
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The size of the image in a file (only its first 256 KB are read), or null when the
    /// file is not a PNG or JPEG or cannot be read.</summary>
    public static (int Width, int Height, bool IsPng)? Probe(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            var head = new byte[Math.Min(f.Length, 256 * 1024)];
            f.ReadExactly(head);
            return TryRead(head, out var w, out var h, out var png) ? (w, h, png) : null;
        }
        catch (IOException) { return null; }
    }

    /// <summary>The size of PNG or JPEG bytes; throws <see cref="FormatException"/> for anything else.</summary>
    public static (int Width, int Height) Read(byte[] data) =>
        TryRead(data, out var w, out var h, out _) ? (w, h) : throw new FormatException("Not a PNG or JPEG image");

    private static bool TryRead(ReadOnlySpan<byte> d, out int width, out int height, out bool isPng)
    {
        width = height = 0;
        isPng = false;
        // PNG: signature, then the IHDR chunk with big-endian width and height.
        if (d.Length >= 24 && d[..8].SequenceEqual(PngSignature))
        {
            (width, height, isPng) = (BinaryPrimitives.ReadInt32BigEndian(d[16..]), BinaryPrimitives.ReadInt32BigEndian(d[20..]), true);
            return true;
        }
        // JPEG: walk the segments to a start-of-frame marker.
        if (d.Length >= 4 && d[0] == 0xFF && d[1] == 0xD8)
        {
            var i = 2;
            while (i + 9 < d.Length)
            {
                if (d[i] != 0xFF) { i++; continue; }
                var marker = d[i + 1];
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    (width, height) = (BinaryPrimitives.ReadUInt16BigEndian(d[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(d[(i + 5)..]));
                    return true;
                }
                if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7) or 0xFF) { i += marker == 0xFF ? 1 : 2; continue; }
                i += 2 + BinaryPrimitives.ReadUInt16BigEndian(d[(i + 2)..]);
            }
        }
        return false;
    }
}
