using System.Collections.Concurrent;
using System.Security.Cryptography;
using KbGen.Diagnostics;

namespace KbGen.Loading;

/// <summary>Parsed files kept between builds of one long-running process (`kbgen serve`): a file
/// whose bytes are unchanged is not parsed again; its model and its diagnostics are reused.
/// Files are compared by content hash, not by modification time: a same-length edit saved
/// within one timestamp tick (coarse on many file systems) must not be missed. Cross-file
/// validation always runs on the whole model. With a <see cref="ModelStore"/>, parse results also
/// outlive the process: `kbgen build` reads unchanged files from the store instead of parsing them.
///
/// A file's bytes are read and hashed only when its stamp (statx: size, modified and changed times,
/// inode, device) differs from the one it had when last hashed, or when it had then been modified
/// too recently to vouch for it (<see cref="Cache.KnownHash"/>). With a hashes file, `kbgen build`
/// keeps those between processes too (<see cref="SaveHashes"/>).</summary>
public sealed class ParseCache
{
    private sealed record Entry(byte[] Hash, object? Result, IReadOnlyList<Diagnostic> Diagnostics);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Cache.ModelStore? store;
    private readonly string? _hashesPath;
    private readonly ConcurrentDictionary<string, Cache.KnownHash> _known;
    // The files this process asked about: only they are saved (a deleted file drops out).
    private readonly ConcurrentDictionary<string, bool> _asked = new(StringComparer.Ordinal);

    private readonly Func<long> _clock;

    public ParseCache(Cache.ModelStore? store = null, string? hashesPath = null) : this(store, hashesPath, Cache.KnownHash.NowNs) { }

    /// <param name="clock">Now, in nanoseconds since 1970 (tests move it past the settling time).</param>
    internal ParseCache(Cache.ModelStore? store, string? hashesPath, Func<long> clock)
    {
        this.store = store;
        _hashesPath = hashesPath;
        _clock = clock;
        _known = new(hashesPath is null ? [] : Cache.HashStore.Read(hashesPath), StringComparer.Ordinal);
    }

    /// <summary>Files whose hash was taken from their unchanged stamp instead of their bytes.</summary>
    public int HashesVouched;

    /// <summary>Writes the stamps and hashes of the files asked about (a `kbgen build` keeps them
    /// for the next one); nothing without a hashes file.</summary>
    public void SaveHashes()
    {
        if (_hashesPath is null) return;
        Cache.HashStore.Write(_hashesPath, _known.Where(k => _asked.ContainsKey(k.Key)));
    }

    public int Hits;
    public int Misses;

    /// <summary>SHA-256 of the bytes this cache last read (or found stored) for a file: what the
    /// model of that file was made from. Build keys use it instead of reading the file again.</summary>
    public byte[]? HashOfParsed(string path) => _entries.TryGetValue(path, out var e) ? e.Hash : null;

    /// <summary>The name of what this cache holds for a file: a hash of the program version, the
    /// path and the bytes parsed (as the store names its entries); null when the file was not read
    /// through this cache.</summary>
    public string? KeyOf(string path) => HashOfParsed(path) is { } hash ? Cache.ModelStore.KeyOf(path, hash) : null;

    /// <summary>The on-disk store behind this cache, if any.</summary>
    public Cache.ModelStore? Store => store;

    internal T? GetOrRead<T>(string path, DiagnosticBag diagnostics, Func<DiagnosticBag, T?> read) where T : class
    {
        var hash = HashOfFile(path);
        if (hash is not null && _entries.TryGetValue(path, out var e) && e.Hash.AsSpan().SequenceEqual(hash) && e.Result is T or null)
        {
            Interlocked.Increment(ref Hits);
            diagnostics.AddRange(e.Diagnostics);
            return e.Result as T;
        }
        if (hash is not null && store is not null && store.TryRead(path, hash, out var stored, out var storedDiagnostics) && stored is T)
        {
            Interlocked.Increment(ref Hits);
            diagnostics.AddRange(storedDiagnostics);
            _entries[path] = new Entry(hash, stored, storedDiagnostics);
            return (T)stored;
        }
        Interlocked.Increment(ref Misses);
        var local = new DiagnosticBag();
        var result = read(local);
        var list = local.Sorted();
        diagnostics.AddRange(list);
        if (hash is not null)
        {
            _entries[path] = new Entry(hash, result, list);
            // Stored only if the bytes parsed are the bytes hashed (an editor may save meanwhile).
            if (store is not null && HashOfFile(path) is { } after && after.AsSpan().SequenceEqual(hash)) store.Write(path, hash, result, list);
        }
        else _entries.TryRemove(path, out _);
        return result;
    }

    /// <summary>SHA-256 of a regular file's bytes (a content file, a template, a font), read only
    /// when its stamp does not vouch for the hash taken before; null for anything else (folders,
    /// links, files over 4 MB, unreadable files), which are always read afresh so that their
    /// diagnostics stay exact.</summary>
    public byte[]? HashOfFile(string path)
    {
        _asked[path] = true;
        if (!Output.Posix.Statx(path, out var stamp)) return IsSmallRegularFile(path) ? HashBytes(path) : null;
        if (!stamp.IsRegularFile || stamp.Size > SourceFiles.MaxFileBytes) return null;
        if (_known.TryGetValue(path, out var known) && known.VouchesFor(stamp, _clock()))
        {
            Interlocked.Increment(ref HashesVouched);
            return known.Hash;
        }
        // The time before the read: a write after it shows in the stamp (see KnownHash).
        var before = _clock();
        var hash = HashBytes(path);
        if (hash is not null) _known[path] = new Cache.KnownHash(stamp, hash, before);
        else _known.TryRemove(path, out _);
        return hash;
    }

    /// <summary>Where statx cannot tell: one lstat (a symbolic link shows in its attributes;
    /// LinkTarget would add a readlink).</summary>
    private static bool IsSmallRegularFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && (info.Attributes & FileAttributes.ReparsePoint) == 0 && info.Length <= SourceFiles.MaxFileBytes;
    }

    /// <summary>The file's bytes, read into a pooled buffer, hashed; null when it cannot be read.</summary>
    private static byte[]? HashBytes(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = (int)RandomAccess.GetLength(handle);
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
            try
            {
                var read = 0;
                while (read < length && RandomAccess.Read(handle, buffer.AsSpan(read, length - read), read) is var n and > 0) read += n;
                return SHA256.HashData(buffer.AsSpan(0, read));
            }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }
}
