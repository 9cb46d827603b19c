using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading.Markdown;

namespace KbGen.Loading.Cache;

/// <summary>Parsed content files kept on disk between builds (in `.kbgen-cache/`, beside the
/// output): one entry per file, named by a hash of the program version, the file's path and the
/// file's bytes, so an entry can only ever describe exactly those bytes read by this version.
/// Each entry also carries its own checksum; a missing, truncated, corrupt or foreign entry is
/// ignored (and removed) and the file is parsed as if there were no cache.</summary>
public sealed class ModelStore
{
    private const string Magic = "kbgen-model";
    private readonly string _dir;
    private readonly ConcurrentDictionary<string, bool> _used = new(StringComparer.Ordinal);

    public ModelStore(string dir) => _dir = dir;

    public int Hits;
    public int Misses;
    public int Rejected;

    /// <summary>KbGen's version and the entry format: an entry from any other is never read.</summary>
    public static string Version { get; } = Output.BuildCache.ProgramVersion + "/model-" + ModelCodec.FormatVersion;

    internal static string KeyOf(string path, ReadOnlySpan<byte> contentHash)
    {
        var text = Encoding.UTF8.GetBytes(Version + "\n" + path + "\n");
        var buffer = new byte[text.Length + contentHash.Length];
        text.CopyTo(buffer, 0);
        contentHash.CopyTo(buffer.AsSpan(text.Length));
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }

    private string EntryPath(string key) => Path.Combine(_dir, key[..2], key + ".bin");

    /// <summary>The cached result of reading <paramref name="path"/> whose bytes hash to
    /// <paramref name="contentHash"/>, or false.</summary>
    internal bool TryRead(string path, byte[] contentHash, out object? result, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var key = KeyOf(path, contentHash);
        _used[key] = true;
        result = null;
        diagnostics = [];
        byte[] bytes;
        var entry = EntryPath(key);
        try { bytes = File.ReadAllBytes(entry); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { Interlocked.Increment(ref Misses); return false; }
        try
        {
            (result, diagnostics) = Decode(bytes, key, path, contentHash);
            Interlocked.Increment(ref Hits);
            return true;
        }
        // Never trusted: whatever is wrong with an entry, the file is parsed instead.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref Rejected);
            try { File.Delete(entry); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return false;
        }
    }

    private static (object, IReadOnlyList<Diagnostic>) Decode(byte[] bytes, string key, string path, byte[] contentHash)
    {
        // Layout: header line "kbgen-model <key>\n", body, SHA-256 of header and body.
        if (bytes.Length < 32) throw new InvalidDataException("too short");
        var sum = SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32));
        if (!sum.AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32))) throw new InvalidDataException("checksum does not match");
        var header = Encoding.ASCII.GetBytes($"{Magic} {key}\n");
        if (!bytes.AsSpan().StartsWith(header)) throw new InvalidDataException("header does not match");
        // Publicly visible: a topic's body is decoded from these bytes later, when first used.
        using var ms = new MemoryStream(bytes, header.Length, bytes.Length - 32 - header.Length, writable: false, publiclyVisible: true);
        using var reader = new CacheReader(ms);
        var source = new SourceText(path, () => TextIfUnchanged(path, contentHash));
        var decoded = ModelCodec.Read(reader, source);
        if (ms.Position != ms.Length) throw new InvalidDataException("trailing bytes");
        return decoded;
    }

    /// <summary>The file's text for positions, only while its bytes are still the cached ones.</summary>
    private static string? TextIfUnchanged(string path, byte[] contentHash)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(contentHash)) return null;
            var start = SourceFiles.BomLength(bytes);
            return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Stores a file's parse result. Only clean, cacheable results are kept (a file with an
    /// error is parsed again next time, so its diagnostics are always fresh). Writing never fails a
    /// build: an entry that cannot be written is simply missing next time.</summary>
    internal void Write(string path, byte[] contentHash, object? result, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (result is null || !ModelCodec.CanWrite(result) || diagnostics.Any(d => d.IsError)) return;
        var key = KeyOf(path, contentHash);
        _used[key] = true;
        var entry = EntryPath(key);
        if (File.Exists(entry)) return;
        var tmp = entry + ".tmp-" + Environment.ProcessId + "-" + Environment.CurrentManagedThreadId;
        try
        {
            using var ms = new MemoryStream();
            ms.Write(Encoding.ASCII.GetBytes($"{Magic} {key}\n"));
            using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true)) ModelCodec.Write(w, result, diagnostics);
            ms.Write(SHA256.HashData(ms.GetBuffer().AsSpan(0, (int)ms.Length)));
            Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
            File.WriteAllBytes(tmp, ms.GetBuffer().AsSpan(0, (int)ms.Length));
            File.Move(tmp, entry, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Removes entries this build neither read nor wrote (files since edited or deleted),
    /// so the store holds one entry per content file.</summary>
    public void Prune()
    {
        if (!Directory.Exists(_dir)) return;
        try
        {
            foreach (var file in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetFileName(file);
                var key = name.EndsWith(".bin", StringComparison.Ordinal) ? name[..^4] : null;
                if (key is not null && _used.ContainsKey(key)) continue;
                try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }
}
