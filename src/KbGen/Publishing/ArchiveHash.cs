using System.Security.Cryptography;
using System.Text;

namespace KbGen.Publishing;

/// <summary>An archived revision's hash: SHA-256 of the file's text with its own `hash:` line left
/// out. The frozen content is our canonical YAML, so any change to what the topic says, to its
/// references, version or date — or a truncation — changes the hash.</summary>
public static class ArchiveHash
{
    public const string Prefix = "sha256:";

    public static string Compute(string fileText)
    {
        var sb = new StringBuilder(fileText.Length);
        foreach (var line in fileText.Split('\n'))
        {
            if (line.StartsWith("hash:", StringComparison.Ordinal)) continue;
            sb.Append(line).Append('\n');
        }
        return Prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
    }
}
