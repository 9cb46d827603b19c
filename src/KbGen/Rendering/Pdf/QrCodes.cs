using KbGen.Rendering.Layout;
using QRCoder;

namespace KbGen.Rendering.Pdf;

public static class QrCodes
{
    /// <summary>A QR code PNG for the text (usually a URL). RGB colours on purpose: QRCoder's
    /// default PNG is 1-bit greyscale, which PDFsharp rejects.</summary>
    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new PngByteQRCode(data);
        return code.GetGraphic(pixelsPerModule, [0, 0, 0], [255, 255, 255], drawQuietZones: true);
    }

    /// <summary>A QR code as an image block of the given printed width (points).</summary>
    public static ImageBlock Block(string url, double width = 72, TextAlign align = TextAlign.Left)
    {
        var png = Png(url);
        var (w, h) = Loading.ImageProbe.Read(png);
        return new ImageBlock(png, w, h) { MaxWidth = width, Align = align, AltText = "QR code: " + url };
    }
}
