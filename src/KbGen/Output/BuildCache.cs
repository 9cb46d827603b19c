using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KbGen.Output;

/// <summary>The incremental-build cache: `.kbgen-cache/&lt;output-name&gt;.manifest` beside the output
/// folder (never inside what is switched). It records, for the output the `output` link points to,
/// each topic's input key (a hash of everything its files depend on) and, for each of its files, the
/// SHA-256, size and modification time. A later build whose key for a topic is unchanged links that
/// topic's files from the current output into the folder it builds instead of rendering them. It also
/// lists the output's other files (pages that list topics, assets…), so that a build updating the
/// output in place (serve) knows which files of the previous build it has to remove.
///
/// Nothing in it is trusted: the manifest carries a checksum of its own text; a manifest that does
/// not parse, fails its checksum, was written by another format or program version, or describes
/// another output folder than the current one is ignored as a whole. A recorded file that is
/// missing, or whose size or modification time differ from the record and whose SHA-256 then does
/// not match, makes its topic render again. (Like make and git, a file rewritten with the same size
/// and its old modification time put back is only caught with <see cref="VerifyAll"/>.)</summary>
public sealed class BuildCache
{
    public const int FormatVersion = 2;
    private const string Magic = "kbgen-cache";

    private readonly string _manifestPath;
    private readonly string _outputPath;
    private readonly Dictionary<string, CachedTopic> _usable = new(StringComparer.Ordinal);
    private readonly string? _currentTarget;

    /// <summary>Why the previous manifest was not used (null when it was, or when there was none).</summary>
    public string? Rejected { get; private set; }
    public bool VerifyAll { get; }

    /// <summary>KbGen's informational version (with the commit when built from git) and the cache format.</summary>
    public static string ProgramVersion { get; } =
        (typeof(BuildCache).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown")
        + "/cache-" + FormatVersion;

    public static string CacheDir(string outDir)
    {
        var full = Path.GetFullPath(outDir.TrimEnd('/', '\\'));
        return Path.Combine(Path.GetDirectoryName(full)!, ".kbgen-cache");
    }

    /// <summary>`.kbgen-cache/&lt;output name&gt;&lt;suffix&gt;`: what the cache keeps for builds into this output.</summary>
    public static string CachePath(string outDir, string suffix) =>
        Path.Combine(CacheDir(outDir), Path.GetFileName(Path.GetFullPath(outDir.TrimEnd('/', '\\'))) + suffix);

    /// <summary>Where parsed content files are kept for builds into this output.</summary>
    public static string ModelDir(string outDir) => CachePath(outDir, ".model");

    public static string ManifestPath(string outDir) => CachePath(outDir, ".manifest");

    private BuildCache(string outDir, bool verifyAll)
    {
        _manifestPath = ManifestPath(outDir);
        _outputPath = Path.GetFullPath(outDir.TrimEnd('/', '\\'));
        VerifyAll = verifyAll;
        var target = new FileInfo(_outputPath).LinkTarget;
        _currentTarget = target is null ? null : Path.GetFileName(target.TrimEnd('/'));
    }

    /// <summary>Opens the cache for a build whose global key (program, options, templates, kb.yaml,
    /// pages…) is <paramref name="globalKey"/>. Never throws for a bad cache: it is then empty.</summary>
    public static BuildCache Open(string outDir, string globalKey, bool verifyAll = false)
    {
        var cache = new BuildCache(outDir, verifyAll);
        cache.Read(globalKey);
        return cache;
    }

    private void Read(string globalKey)
    {
        if (!File.Exists(_manifestPath)) return;
        Manifest? m;
        try
        {
            // Bytes throughout: no megabyte strings (serve reads this on every rebuild).
            var bytes = File.ReadAllBytes(_manifestPath);
            var nl = Array.IndexOf(bytes, (byte)'\n');
            if (nl < 0) { Rejected = "no header"; return; }
            var header = Encoding.UTF8.GetString(bytes, 0, nl).Split(' ');
            var body = bytes.AsSpan(nl + 1);
            if (header.Length != 3 || header[0] != Magic) { Rejected = "bad header"; return; }
            if (header[1] != FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Rejected = "other cache format"; return; }
            if (!string.Equals(header[2], Hex(SHA256.HashData(body)), StringComparison.Ordinal)) { Rejected = "checksum does not match"; return; }
            m = Parsed(header[2], body);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException or ArgumentException)
        {
            Rejected = "unreadable: " + ex.GetType().Name;
            return;
        }
        if (m is null || m.Topics is null) { Rejected = "empty"; return; }
        if (m.Format != FormatVersion || m.Version != ProgramVersion) { Rejected = "written by another version"; return; }
        if (m.Global != globalKey) { Rejected = "global inputs changed"; return; }
        if (_currentTarget is null || m.Output != _currentTarget || !Directory.Exists(Path.Combine(Path.GetDirectoryName(_outputPath)!, _currentTarget)))
        { Rejected = "describes another output"; return; }
        foreach (var (id, t) in m.Topics)
            if (t?.Key is not null && t.Files is not null) _usable[id] = t;
        Others = m.Others ?? [];
        Accepted = true;
    }

    // The manifest last written or read by this process, by checksum: serve reads back on every
    // rebuild exactly what it wrote after the previous one. Equal bytes, equal manifest.
    private static (string Sum, Manifest Value)? _lastManifest;
    private static readonly object LastGate = new();

    private static Manifest? Parsed(string sum, ReadOnlySpan<byte> body)
    {
        lock (LastGate)
            if (_lastManifest is { } last && last.Sum == sum) return last.Value;
        var m = JsonSerializer.Deserialize(body, CacheJson.Default.Manifest);
        if (m is not null) lock (LastGate) _lastManifest = (sum, m);
        return m;
    }

    public int Count => _usable.Count;

    /// <summary>True when the manifest was read, checked and describes the current output.</summary>
    public bool Accepted { get; private set; }

    /// <summary>The folder the output link points to, whose files the manifest describes.</summary>
    public string? CurrentFolder => _currentTarget is null ? null : Path.Combine(Path.GetDirectoryName(_outputPath)!, _currentTarget);

    /// <summary>Non-topic files of the current output, as recorded.</summary>
    public IReadOnlyList<string> Others { get; private set; } = [];

    /// <summary>Every file the manifest records for the current output (topics' and others).</summary>
    public IEnumerable<string> RecordedFiles => _usable.Values.SelectMany(t => t.Files.Keys).Concat(Others);

    /// <summary>The records of topic <paramref name="id"/>'s files in the current output when its key
    /// matches and every recorded file is intact, or null when the topic must be rendered.</summary>
    public Dictionary<string, CachedFile>? Reusable(string id, string key, IReadOnlyCollection<string> expectedFiles)
    {
        if (!_usable.TryGetValue(id, out var t) || t.Key != key) return null;
        if (t.Files.Count != expectedFiles.Count || !expectedFiles.All(t.Files.ContainsKey)) return null;
        var from = CurrentFolder!;
        foreach (var (rel, rec) in t.Files)
            if (rec is null || !Intact(Path.Combine(from, rel), rec)) return null;
        return t.Files;
    }

    private bool Intact(string path, CachedFile rec)
    {
        var fi = new FileInfo(path);
        // (The attribute comes with the one lstat; LinkTarget would cost a readlink per file.)
        if (!fi.Exists || (fi.Attributes & FileAttributes.ReparsePoint) != 0) return false;
        if (!VerifyAll && fi.Length == rec.Size && fi.LastWriteTimeUtc.Ticks == rec.Mtime) return true;
        if (fi.Length != rec.Size) return false;
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Hex(SHA256.HashData(s)) == rec.Sha256;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>Writes the manifest for the output just committed (atomically: temp file, rename).
    /// Failing to write the cache never fails a build: the next build is then a full one.</summary>
    public static void Save(string outDir, string committedTarget, string globalKey, IReadOnlyDictionary<string, CachedTopic> topics,
        IEnumerable<string> others)
    {
        var path = ManifestPath(outDir);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var m = new Manifest { Format = FormatVersion, Version = ProgramVersion, Global = globalKey, Output = committedTarget,
                Topics = new SortedDictionary<string, CachedTopic>(topics.ToDictionary(), StringComparer.Ordinal),
                Others = others.Order(StringComparer.Ordinal).ToList() };
            var body = JsonSerializer.SerializeToUtf8Bytes(m, CacheJson.Default.Manifest);
            var sum = Hex(SHA256.HashData(body));
            var header = Encoding.UTF8.GetBytes($"{Magic} {FormatVersion} {sum}\n");
            var tmp = path + ".tmp-" + Environment.ProcessId;
            using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                f.Write(header);
                f.Write(body);
            }
            Posix.Rename(tmp, path);
            lock (LastGate) _lastManifest = (sum, m);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* next build is a full build */ }
    }

    /// <summary>Removes the manifest before an update in place is committed, so that an output left
    /// half updated is never described (the next build is then a full, staged one).</summary>
    public static void Forget(string outDir)
    {
        try { File.Delete(ManifestPath(outDir)); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    /// <summary>The record of a written file, or null when it is not there.</summary>
    public static CachedFile? Describe(string fullPath, string sha256)
    {
        var fi = new FileInfo(fullPath);
        return fi.Exists ? new CachedFile { Sha256 = sha256, Size = fi.Length, Mtime = fi.LastWriteTimeUtc.Ticks } : null;
    }

    public sealed class Manifest
    {
        public int Format { get; set; }
        public string? Version { get; set; }
        public string? Global { get; set; }
        public string? Output { get; set; }
        public SortedDictionary<string, CachedTopic>? Topics { get; set; }
        public List<string>? Others { get; set; }
    }
}

public sealed class CachedTopic
{
    public string Key { get; set; } = "";
    public Dictionary<string, CachedFile> Files { get; set; } = new(StringComparer.Ordinal);
}

public sealed class CachedFile
{
    public string Sha256 { get; set; } = "";
    public long Size { get; set; }
    public long Mtime { get; set; }
}

[JsonSerializable(typeof(BuildCache.Manifest))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CacheJson : JsonSerializerContext;
