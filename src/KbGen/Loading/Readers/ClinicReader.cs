using KbGen.Diagnostics;
using KbGen.Loading.Yaml;
using KbGen.Model;

namespace KbGen.Loading.Readers;

public static class ClinicReader
{
    public const int MaxLogoPixels = 4000;
    private static readonly string[] Papers = ["a4", "letter"];

    public static Clinic? Read(YNode? root, FileContext file, string? expectedId, string contentRoot)
    {
        var m = MapReader.Of(root, file, "a clinic");
        if (m is null) return null;
        var id = m.FileId(expectedId);
        var name = m.String("name", required: true);
        var address = m.String("address");
        var phone = m.String("phone");
        var logoNode = m.Scalar("logo");
        var paper = m.Enum("paper", Papers) ?? "a4";
        m.Done();

        string? logo = null;
        if (logoNode is not null)
            logo = ResolveLogo(logoNode, file, contentRoot);
        if (id is null || name is null) return null;
        return new Clinic(id, name, address, phone, logo, paper, m.Span);
    }

    private static string? ResolveLogo(YScalar node, FileContext file, string contentRoot)
    {
        var value = node.Value;
        var root = Path.GetFullPath(contentRoot);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file.Path))!;
        if (Path.IsPathRooted(value) || value.Contains("..") || value.Contains('\\'))
        {
            file.Diagnostics.Add(DiagnosticCodes.OutsideContent, node.Span, $"logo '{value}' must be a file name beside the clinic file");
            return null;
        }
        var path = Path.Combine(folder, value);
        if (Directory.Exists(path))
        {
            file.Diagnostics.Add(DiagnosticCodes.BadImage, node.Span, $"logo '{value}' is a folder, not a PNG or JPEG image");
            return null;
        }
        if (!File.Exists(path))
        {
            file.Diagnostics.Add(DiagnosticCodes.BadImage, node.Span, $"logo '{value}' does not exist beside the clinic file");
            return null;
        }
        if (!ContentPaths.IsInsideReal(path, root))
        {
            file.Diagnostics.Add(DiagnosticCodes.OutsideContent, node.Span, $"logo '{value}' is a link to a file outside the content folder");
            return null;
        }
        var size = ImageProbe.Probe(path);
        if (size is null)
        {
            file.Diagnostics.Add(DiagnosticCodes.BadImage, node.Span, $"logo '{value}' is not a PNG or JPEG image");
            return null;
        }
        if (size.Value.Width > MaxLogoPixels || size.Value.Height > MaxLogoPixels)
        {
            file.Diagnostics.Add(DiagnosticCodes.BadImage, node.Span, $"logo '{value}' is {size.Value.Width}×{size.Value.Height} px; the limit is {MaxLogoPixels} px a side");
            return null;
        }
        return Path.GetFullPath(path);
    }
}
