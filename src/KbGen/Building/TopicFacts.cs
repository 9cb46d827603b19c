using System.Security.Cryptography;
using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Model;
using KbGen.Rendering.Html;
using KbGen.Validation;

namespace KbGen.Building;

/// <summary>What a build works out about each topic besides its pages — the per-topic checks of
/// validation and its listing (search entry, cited references) — kept between `kbgen build`s in
/// `.kbgen-cache/&lt;output&gt;.facts`. After one edit of 1,000 topics, working these out again for
/// the 999 others was a third of the build.
///
/// Each topic's facts are filed under the name the model store gives its file (a hash of the
/// program version, the path and the bytes parsed), so they can only ever be used for exactly
/// that file read by this version; the checks also carry the key of everything else they depend
/// on (today's date, review interval, the set of reference ids) and are used only while it
/// matches. The file carries a checksum; one that is damaged, foreign or unreadable is ignored
/// and everything is worked out afresh.</summary>
internal sealed class TopicFacts
{
    private const string Magic = "kbgen-facts";
    private const int FormatVersion = 1;
    private readonly string _path;
    private readonly ParseCache _parsed;
    private Dictionary<string, Entry> _loaded = new(StringComparer.Ordinal);

    private sealed record Checks(string Key, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> CitedIds);
    private sealed record Listing(IReadOnlyList<string> CitedIds, byte[] SearchEntryJson);
    private sealed record Entry(Checks? Checks, Listing? Listing);

    private TopicFacts(string path, ParseCache parsed)
    {
        _path = path;
        _parsed = parsed;
    }

    public static string PathFor(string outDir) => Output.BuildCache.CachePath(outDir, ".facts");

    /// <summary>Reads the facts kept for builds into <paramref name="outDir"/>; never throws.</summary>
    public static TopicFacts Open(string outDir, ParseCache parsed)
    {
        var facts = new TopicFacts(PathFor(outDir), parsed);
        try { facts._loaded = Read(facts._path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException
                                       or ArgumentException or FormatException) { }
        return facts;
    }

    public int Seeded { get; private set; }

    /// <summary>Hands every topic whose file is unchanged its kept facts.</summary>
    public void Seed(KnowledgeBase kb)
    {
        foreach (var t in kb.Topics)
        {
            if (KeyOf(t) is not { } key || !_loaded.TryGetValue(key, out var e)) continue;
            if (e.Checks is { } c) Validator.Seed(t, c.Key, c.Diagnostics, c.CitedIds);
            if (e.Listing is { } l) TopicListing.Seed(t, l.CitedIds, l.SearchEntryJson);
            Seeded++;
        }
    }

    /// <summary>Writes the facts of the topics of this build (atomically: temp file, rename),
    /// unless they are exactly those read. Failing to write never fails a build.</summary>
    public void Save(KnowledgeBase kb)
    {
        var entries = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var t in kb.Topics)
        {
            if (KeyOf(t) is not { } key) continue;
            var checks = Validator.Known(t) is { } c ? new Checks(c.Key, c.Diagnostics, c.CitedIds.ToList()) : null;
            var listing = TopicListing.Known(t) is { } l ? new Listing(l.CitedIds, l.SearchEntryJson) : null;
            if (checks is not null || listing is not null) entries[key] = new Entry(checks, listing);
        }
        if (Unchanged(entries)) return;
        var tmp = _path + ".tmp-" + Environment.ProcessId;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            Write(tmp, entries);
            File.Move(tmp, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private string? KeyOf(Topic t) => _parsed.KeyOf(t.FilePath.Length > 0 ? t.FilePath : t.Span.File);

    private bool Unchanged(SortedDictionary<string, Entry> entries) =>
        entries.Count == _loaded.Count && entries.All(kv => _loaded.TryGetValue(kv.Key, out var old)
            && old.Checks?.Key == kv.Value.Checks?.Key && (old.Checks is null) == (kv.Value.Checks is null) && (old.Listing is null) == (kv.Value.Listing is null));

    // ---- the file: header line, entries, SHA-256 of everything before it ----
    // Streamed both ways: the file runs to megabytes (search entries), and whole-file arrays
    // would be large objects, each counting towards a full collection.

    private static byte[] Header => Encoding.ASCII.GetBytes($"{Magic} {FormatVersion} {Loading.Cache.ModelStore.Version}\n");

    private static void Write(string path, SortedDictionary<string, Entry> entries)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var hashing = new HashingStream(file);
        // Buffered before hashing: the writer's many small writes reach the hash in 64 KB pieces.
        using var buffered = new BufferedStream(hashing, 1 << 16);
        buffered.Write(Header);
        using (var w = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(entries.Count);
            foreach (var (key, e) in entries)
            {
                w.Write(key);
                w.Write(e.Checks is not null);
                if (e.Checks is { } c)
                {
                    w.Write(c.Key);
                    w.Write(c.Diagnostics.Count);
                    foreach (var d in c.Diagnostics)
                    {
                        w.Write((byte)d.Severity); w.Write(d.Code);
                        w.Write(d.Span.File); w.Write(d.Span.Line); w.Write(d.Span.Column);
                        w.Write(d.Message);
                    }
                    Strings(w, c.CitedIds);
                }
                w.Write(e.Listing is not null);
                if (e.Listing is { } l)
                {
                    Strings(w, l.CitedIds);
                    w.Write(l.SearchEntryJson.Length);
                    w.Write(l.SearchEntryJson);
                }
            }
        }
        buffered.Flush();
        file.Write(hashing.Hash());
    }

    private static void Strings(BinaryWriter w, IReadOnlyCollection<string> list)
    {
        w.Write(list.Count);
        foreach (var s in list) w.Write(s);
    }

    private static Dictionary<string, Entry> Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var header = Header;
        var bodyEnd = file.Length - 32;
        if (bodyEnd < header.Length) throw new InvalidDataException("too short");
        // First the checksum over everything before it, then the entries: nothing unchecked is read.
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                for (long left = bodyEnd; left > 0;)
                {
                    var got = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                    if (got == 0) throw new InvalidDataException("truncated");
                    hash.AppendData(buffer, 0, got);
                    left -= got;
                }
                Span<byte> stored = stackalloc byte[32];
                file.ReadExactly(stored);
                if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored)) throw new InvalidDataException("checksum does not match");
            }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
        }
        file.Position = 0;
        Span<byte> start = stackalloc byte[header.Length];
        file.ReadExactly(start);
        if (!start.SequenceEqual(header)) throw new InvalidDataException("another format or program version");
        using var r = new Loading.Cache.CacheReader(file);
        var n = Count(r);
        var result = new Dictionary<string, Entry>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var key = r.ReadString();
            Checks? checks = null;
            if (r.ReadBoolean())
            {
                var ctx = r.ReadString();
                var diagnostics = new Diagnostic[Count(r)];
                for (var j = 0; j < diagnostics.Length; j++)
                {
                    var severity = r.ReadByte() switch { 0 => Severity.Warning, 1 => Severity.Error, var s => throw new InvalidDataException($"bad severity {s}") };
                    var code = r.ReadString();
                    var span = new SourceSpan(r.ReadString(), r.ReadInt32(), r.ReadInt32());
                    diagnostics[j] = new Diagnostic(severity, code, span, r.ReadString());
                }
                checks = new Checks(ctx, diagnostics, Strings(r));
            }
            Listing? listing = null;
            if (r.ReadBoolean())
            {
                var cited = Strings(r);
                var length = Count(r);
                var json = r.ReadBytes(length);
                if (json.Length != length) throw new InvalidDataException("truncated");
                listing = new Listing(cited, json);
            }
            result[key] = new Entry(checks, listing);
        }
        if (file.Position != bodyEnd) throw new InvalidDataException("trailing bytes");
        return result;
    }

    /// <summary>Passes writes on and hashes them: the checksum without holding the file in memory.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public byte[] Hash() => _hash.GetHashAndReset();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer) { _hash.AppendData(buffer); inner.Write(buffer); }
        public override void WriteByte(byte value) => Write([value]);
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) _hash.Dispose(); base.Dispose(disposing); }
    }

    private static int Count(BinaryReader r) => r.ReadInt32() is var n and >= 0 and < 1 << 26 ? n : throw new InvalidDataException("bad count");

    private static string[] Strings(BinaryReader r)
    {
        var list = new string[Count(r)];
        for (var i = 0; i < list.Length; i++) list[i] = r.ReadString();
        return list;
    }
}
