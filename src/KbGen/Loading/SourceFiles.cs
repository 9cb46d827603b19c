using System.Text;
using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Loading;

/// <summary>Reads content files defensively: refuses directories, dangling or escaping symlinks,
/// huge files and invalid UTF-8 with a diagnostic, never an exception.</summary>
public static class SourceFiles
{
    public const long MaxFileBytes = 4 * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Files matching the pattern directly in a folder, in ordinal order (stable output).</summary>
    public static IReadOnlyList<string> List(string folder, string pattern)
    {
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFileSystemEntries(folder, pattern, SearchOption.TopDirectoryOnly)
            .OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    public static string? ReadText(string path, string contentRoot, DiagnosticBag diagnostics)
    {
        var at = SourceSpan.FileStart(path);
        try
        {
            if (Directory.Exists(path))
            {
                diagnostics.Add(DiagnosticCodes.CannotRead, at, "this is a folder, not a file");
                return null;
            }
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                {
                    diagnostics.Add(DiagnosticCodes.CannotRead, at, $"symbolic link to '{info.LinkTarget}' which does not exist");
                    return null;
                }
                if (!ContentPaths.IsInsideReal(path, contentRoot))
                {
                    diagnostics.Add(DiagnosticCodes.OutsideContent, at, "symbolic link points outside the content folder");
                    return null;
                }
                info = new FileInfo(target.FullName);
            }
            if (!info.Exists)
            {
                diagnostics.Add(DiagnosticCodes.CannotRead, at, "file does not exist");
                return null;
            }
            if (info.Length > MaxFileBytes)
            {
                diagnostics.Add(DiagnosticCodes.FileTooLarge, at, $"file is {info.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes; content files are limited to {MaxFileBytes / (1024 * 1024)} MB");
                return null;
            }
            var bytes = File.ReadAllBytes(info.FullName);
            var start = BomLength(bytes);
            string text;
            try { text = StrictUtf8.GetString(bytes, start, bytes.Length - start); }
            catch (DecoderFallbackException ex)
            {
                var bad = start + Math.Max(0, ex.Index);
                var (line, col) = PositionOfByte(bytes, start, bad);
                diagnostics.Add(DiagnosticCodes.InvalidUtf8, new SourceSpan(path, line, col), $"byte 0x{bytes[Math.Min(bad, bytes.Length - 1)]:X2} is not valid UTF-8; save the file as UTF-8");
                return null;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                diagnostics.Add(DiagnosticCodes.EmptyFile, at, "file is empty");
                return null;
            }
            return text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCodes.CannotRead, at, $"cannot read file: {ex.Message}");
            return null;
        }
    }

    /// <summary>3 when the bytes start with a UTF-8 byte order mark (which is not part of the text), else 0.</summary>
    internal static int BomLength(ReadOnlySpan<byte> bytes) => bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;

    private static (int, int) PositionOfByte(byte[] bytes, int start, int index)
    {
        var prefix = Encoding.UTF8.GetString(bytes, start, Math.Max(0, Math.Min(index, bytes.Length) - start));
        var li = new LineIndex(prefix + " ");
        return li.At(prefix.Length);
    }
}
