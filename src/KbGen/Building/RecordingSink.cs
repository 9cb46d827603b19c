using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KbGen.Output;

namespace KbGen.Building;

/// <summary>Passes writes through to the build's output and remembers every file written and, for
/// the files the build cache records by content (<paramref name="hashed"/>: a topic's page,
/// handouts and chart), its SHA-256. Pages that list topics are rewritten by every build, so they
/// are not hashed (the search index alone is megabytes). Holds hashes only, never contents.</summary>
internal sealed class RecordingSink(IBuildOutput inner, Func<string, bool> hashed) : IOutputSink
{
    private static readonly UTF8Encoding Utf8 = new(false);
    public ConcurrentDictionary<string, string> Hashes { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, bool> Written { get; } = new(StringComparer.Ordinal);

    public void WriteText(string relative, string text)
    {
        // Pages run to megabytes (home, references): encode into a pooled buffer rather than a
        // new large-object array per page, which drove serve's rebuilds into full collections.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(text.Length));
        try
        {
            var n = Utf8.GetBytes(text, buffer);
            WriteBytes(relative, buffer.AsSpan(0, n));
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    public void WriteBytes(string relative, ReadOnlySpan<byte> bytes)
    {
        inner.WriteBytes(relative, bytes);
        Written[relative] = true;
        if (hashed(relative)) Hashes[relative] = BuildCache.Hex(SHA256.HashData(bytes));
    }
}
