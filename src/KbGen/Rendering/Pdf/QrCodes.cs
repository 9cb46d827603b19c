using System.Buffers.Binary;
using KbGen.Rendering.Layout;
using QRCoder;

namespace KbGen.Rendering.Pdf;

public static class QrCodes
{
    /// <summary>The quiet zone the standard asks for around the code, in modules.</summary>
    public const int QuietZone = 4;

    /// <summary>The modules of the QR code (level M) for the text, row by row (true: dark), without
    /// the quiet zone, and the number per side: from <see cref="QrEncoder"/>, or from QRCoder for
    /// text beyond Latin-1 (which it encodes as UTF-8) or over 251 characters.</summary>
    public static (bool[] Dark, int Size) Modules(string text)
    {
        if (QrEncoder.Encode(text) is var (modules, size, _)) return (modules, size);
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // QRCoder's matrix carries the quiet zone: the code is what lies inside it.
        var n = data.ModuleMatrix.Count - 2 * QuietZone;
        var dark = new bool[n * n];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                dark[r * n + c] = data.ModuleMatrix[r + QuietZone][c + QuietZone];
        return (dark, n);
    }

    /// <summary>The code as an uncompressed 24-bit BMP of one pixel per module, quiet zone
    /// included: black and white RGB (PDFsharp rejects QRCoder's default 1-bit greyscale PNG),
    /// and no PNG to compress here and decompress again in PDFsharp (a tenth of a patient
    /// handout's time went on QRCoder's PNG and its decoding).</summary>
    public static byte[] Bmp(bool[] dark, int size)
    {
        var side = size + 2 * QuietZone;
        var stride = (side * 3 + 3) & ~3; // rows are padded to four bytes
        const int headers = 14 + 40;
        var bmp = new byte[headers + stride * side];
        bmp[0] = (byte)'B'; bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), headers);
        var info = bmp.AsSpan(14);
        BinaryPrimitives.WriteInt32LittleEndian(info, 40);
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], side);
        BinaryPrimitives.WriteInt32LittleEndian(info[8..], side); // positive: rows bottom up
        BinaryPrimitives.WriteInt16LittleEndian(info[12..], 1);   // planes
        BinaryPrimitives.WriteInt16LittleEndian(info[14..], 24);  // bits per pixel, no compression
        BinaryPrimitives.WriteInt32LittleEndian(info[20..], stride * side);
        BinaryPrimitives.WriteInt32LittleEndian(info[24..], 472); // 12 dpi, in pixels per metre
        BinaryPrimitives.WriteInt32LittleEndian(info[28..], 472);
        for (var y = 0; y < side; y++)
        {
            var row = bmp.AsSpan(headers + (side - 1 - y) * stride, side * 3);
            row.Fill(0xFF);
            var r = y - QuietZone;
            if (r < 0 || r >= size) continue;
            for (var c = 0; c < size; c++)
                if (dark[r * size + c]) row.Slice((c + QuietZone) * 3, 3).Clear();
        }
        return bmp;
    }

    // The drawn size was set by 8 pixels per module at 96 dpi; one pixel per module at 12 dpi
    // keeps that size while PDFsharp handles 64 times fewer pixels per handout.
    private const int BlockDpi = 96 / 8;

    // The patient and clinician handouts of a topic share one URL and are made one after the other
    // on the same thread: remember the last code made on this thread.
    [ThreadStatic] private static (string Url, byte[] Bmp, int Side)? _last;

    /// <summary>A QR code as an image block of the given printed width (points): one pixel per
    /// module, drawn without interpolation so that the modules stay sharp when scaled up.</summary>
    public static ImageBlock Block(string url, double width = 72, TextAlign align = TextAlign.Left)
    {
        if (_last is not { } last || last.Url != url)
        {
            var (dark, size) = Modules(url);
            _last = last = (url, Bmp(dark, size), size + 2 * QuietZone);
        }
        return new ImageBlock(last.Bmp, last.Side, last.Side)
        {
            Dpi = BlockDpi, Interpolate = false, MaxWidth = width, Align = align, AltText = "QR code: " + url,
        };
    }
}
