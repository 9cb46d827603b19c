using KbGen.Rendering.Pdf;
using QRCoder;

namespace KbGen.Tests.Pdf;

/// <summary>Our QR encoder gives exactly QRCoder's module matrix (QRCoder is the oracle here):
/// the same segmentation into numeric, alphanumeric and byte runs, version, error correction
/// and mask, for every version it encodes (1 to 11).</summary>
public class QrEncoderTests
{
    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>
        {
            "", "A", "0", "https://kb.example.org/topics/lumbar-compression-fracture-pain/",
            "https://kb.example.org/topics/topic-00042/v/3/", "HTTPS://KB.EXAMPLE.ORG/TOPICS/ABC-123/",
            "0123456789012345678901234567890123456789", "ABC123456789DEF", "abc1234567890123456def",
            "1234ABCDEFGHIJKLMNOP5678abc", "café ünïcode? Latin-1 ÿ ± ©", "12 34 56", "http://x.y/?q=1&r=2#frag",
        };
        var random = new Random(20260115);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:?=&#_~éü";
        foreach (var length in new[] { 1, 2, 5, 10, 17, 30, 45, 60, 80, 100, 120, 150, 180, 200, 230, 251, 300 })
            for (var i = 0; i < 4; i++)
            {
                // Runs of one character class, so that every segmentation rule is reached.
                var chars = new char[length];
                for (var k = 0; k < length;)
                {
                    var run = random.Next(1, 20);
                    var cls = random.Next(3);
                    for (var r = 0; r < run && k < length; r++, k++)
                        chars[k] = cls switch
                        {
                            0 => (char)('0' + random.Next(10)),
                            1 => "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"[random.Next(35)],
                            _ => alphabet[random.Next(alphabet.Length)],
                        };
                }
                data.Add(new string(chars));
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Matches_QRCoder_module_for_module(string text)
    {
        using var qrcoder = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        if (QrEncoder.Encode(text) is not var (modules, size, version))
        {
            Assert.True(qrcoder.Version > 11, "only text needing a version above 11 is left to QRCoder");
            return;
        }
        Assert.Equal(qrcoder.Version, version);
        Assert.Equal(qrcoder.ModuleMatrix.Count - 8, size);
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
                Assert.True(qrcoder.ModuleMatrix[r + 4][c + 4] == modules[r * size + c], $"module ({r}, {c}) of version {version} differs");
    }

    [Fact]
    public void Matches_QRCoder_on_two_thousand_random_URLs()
    {
        var random = new Random(42);
        const string path = "abcdefghijklmnopqrstuvwxyz0123456789-/._~%?=&ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (var i = 0; i < 2000; i++)
        {
            var text = "https://" + new string(Enumerable.Range(0, random.Next(1, 120)).Select(_ => path[random.Next(path.Length)]).ToArray());
            Matches_QRCoder_module_for_module(text);
        }
    }

    [Fact]
    public void A_QR_codes_image_holds_QRCoders_modules_one_pixel_each_with_the_quiet_zone()
    {
        // Our encoder's range, text beyond Latin-1 and text beyond version 11 (both QRCoder's).
        foreach (var text in new[] { "https://kb.example.org/topics/lumbar-compression-fracture-pain/", "https://example.org/Ω", new string('a', 300) })
        {
            using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
            var (dark, size) = QrCodes.Modules(text);
            var bmp = QrCodes.Bmp(dark, size);
            // BMP: 54 bytes of headers, 24-bit rows bottom up, each padded to four bytes.
            var side = BitConverter.ToInt32(bmp, 18);
            Assert.Equal((data.ModuleMatrix.Count, data.ModuleMatrix.Count, (short)24), (side, BitConverter.ToInt32(bmp, 22), BitConverter.ToInt16(bmp, 28)));
            Assert.Equal(size + 2 * QrCodes.QuietZone, side);
            var stride = (side * 3 + 3) & ~3;
            Assert.Equal(54 + stride * side, bmp.Length);
            for (var r = 0; r < side; r++)
                for (var c = 0; c < side; c++)
                {
                    var at = 54 + (side - 1 - r) * stride + c * 3;
                    var black = bmp[at] == 0 && bmp[at + 1] == 0 && bmp[at + 2] == 0;
                    var white = bmp[at] == 255 && bmp[at + 1] == 255 && bmp[at + 2] == 255;
                    Assert.True(black || white);
                    Assert.Equal(data.ModuleMatrix[r][c], black);
                }
        }
    }

    [Fact]
    public void Text_beyond_Latin_1_or_version_11_is_left_to_QRCoder()
    {
        Assert.Null(QrEncoder.Encode("https://example.org/Ω"));
        Assert.Equal(11, QrEncoder.Encode(new string('a', 251))!.Value.Version);
        Assert.Null(QrEncoder.Encode(new string('a', 252)));
    }
}
