using System.Security.Cryptography;

namespace KbGen.Tests.Hardening;

/// <summary>What a folder holds: every file's relative path and SHA-256, in order. Two manifests
/// are equal when the folders are byte-identical.</summary>
public static class Manifest
{
    public static string Of(string dir)
    {
        if (!Directory.Exists(dir)) return "(missing)";
        var lines = Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/') + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))
            .Order(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}
