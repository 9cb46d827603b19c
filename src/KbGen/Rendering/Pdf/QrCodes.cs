using KbGen.Rendering.Layout;
using QRCoder;

namespace KbGen.Rendering.Pdf;

public static class QrCodes
{
    /// <summary>A QR code PNG for the text (usually a URL). RGB colours on purpose: QRCoder's
    /// default PNG is 1-bit greyscale, which PDFsharp rejects.</summary>
    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var data = Modules(text);
        using var code = new PngByteQRCode(data);
        return code.GetGraphic(pixelsPerModule, [0, 0, 0], [255, 255, 255], drawQuietZones: true);
    }

    /// <summary>The modules from <see cref="QrEncoder"/> (the same as QRCoder's, faster), or from
    /// QRCoder for text beyond Latin-1 (which it encodes as UTF-8) or over 251 characters.</summary>
    private static QRCodeData Modules(string text)
    {
        if (QrEncoder.Encode(text) is not var (modules, size, version))
            return QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var data = new QRCodeData(version, addPadding: true); // with the 4-module quiet zone
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
                data.ModuleMatrix[r + 4][c + 4] = modules[r * size + c];
        return data;
    }

    // The drawn size was set by 8 pixels per module at 96 dpi; one pixel per module at 12 dpi
    // keeps that size while PDFsharp decodes and re-encodes 64 times fewer pixels per handout.
    private const int BlockDpi = 96 / 8;

    // The patient and clinician handouts of a topic share one URL and are made one after the other
    // on the same thread: remember the last code made on this thread.
    [ThreadStatic] private static (string Url, byte[] Png, int Width, int Height)? _last;

    /// <summary>A QR code as an image block of the given printed width (points): one pixel per
    /// module, drawn without interpolation so that the modules stay sharp when scaled up.</summary>
    public static ImageBlock Block(string url, double width = 72, TextAlign align = TextAlign.Left)
    {
        if (_last is not { } last || last.Url != url)
        {
            var png = Png(url, pixelsPerModule: 1);
            var (w, h) = Loading.ImageProbe.Read(png);
            _last = last = (url, png, w, h);
        }
        return new ImageBlock(last.Png, last.Width, last.Height)
        {
            Dpi = BlockDpi, Interpolate = false, MaxWidth = width, Align = align, AltText = "QR code: " + url,
        };
    }
}
