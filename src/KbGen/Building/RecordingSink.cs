using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KbGen.Output;

namespace KbGen.Building;

/// <summary>Passes writes through to the staged output and remembers each file's SHA-256, for the
/// build cache's manifest. Holds hashes only, never contents.</summary>
internal sealed class RecordingSink(IBuildOutput inner) : IOutputSink
{
    private static readonly UTF8Encoding Utf8 = new(false);
    public ConcurrentDictionary<string, string> Hashes { get; } = new(StringComparer.Ordinal);

    public void WriteText(string relative, string text) => WriteBytes(relative, Utf8.GetBytes(text));

    public void WriteBytes(string relative, ReadOnlySpan<byte> bytes)
    {
        inner.WriteBytes(relative, bytes);
        Hashes[relative] = BuildCache.Hex(SHA256.HashData(bytes));
    }
}
