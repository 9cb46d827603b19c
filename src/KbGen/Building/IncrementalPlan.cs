using System.Collections.Concurrent;
using KbGen.Model;
using KbGen.Output;
using KbGen.Rendering.Html;

namespace KbGen.Building;

/// <summary>Which topics a build reuses from the previous output: those whose input key matches the
/// cache's record and whose recorded files are intact. Their files are carried into the build's
/// output before anything is rendered; the rest are rendered as in a full build. Pages that list
/// topics (home, search index, references, sitemap, feed, what's new, revisions) are always rendered.</summary>
internal sealed class IncrementalPlan
{
    private readonly HashSet<ShownTopic> _reused = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ShownTopic, string> _keys = new(ReferenceEqualityComparer.Instance);
    private readonly IReadOnlyList<ShownTopic> _shown;

    private IncrementalPlan(InputKeys keys, IReadOnlyList<ShownTopic> shown)
    {
        Keys = keys;
        _shown = shown;
    }

    public InputKeys Keys { get; }
    public string? Rejected { get; private set; }
    public IReadOnlyList<string> ReusedIds => _shown.Where(_reused.Contains).Select(s => s.Topic.Id).ToList();
    public bool IsReused(ShownTopic s) => _reused.Contains(s);

    /// <summary>The build cache beside the output, as read for this build.</summary>
    public BuildCache Cache { get; private set; } = null!;

    public static IncrementalPlan Prepare(BuildOptions options, KnowledgeBase kb, IReadOnlyList<ShownTopic> shown, DateTimeOffset timestamp,
        DateOnly today, IEnumerable<string> templateFiles, Loading.ParseCache? parsed)
    {
        var keys = new InputKeys(options, parsed);
        keys.ComputeGlobal(kb, timestamp, today, templateFiles);
        var plan = new IncrementalPlan(keys, shown);
        var cache = BuildCache.Open(options.OutDir, keys.Global, options.VerifyCache);
        plan.Cache = cache;
        plan.Rejected = cache.Rejected;
        var topicKeys = new string[shown.Count];
        var reused = new bool[shown.Count];
        // Topic ids are unique among shown topics; a duplicate (should validation ever let one
        // through) is simply never reused.
        var duplicate = shown.GroupBy(s => s.Topic.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        Parallel.For(0, shown.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism) }, i =>
        {
            topicKeys[i] = keys.Topic(shown[i]);
            if (cache.Count == 0 || duplicate.Contains(shown[i].Topic.Id)) return;
            if (cache.Reusable(shown[i].Topic.Id, topicKeys[i], keys.OwnedFiles(shown[i]).ToList()) is { } files)
            {
                plan.RememberReused(files);
                reused[i] = true;
            }
        });
        for (var i = 0; i < shown.Count; i++)
        {
            plan._keys[shown[i]] = topicKeys[i];
            if (reused[i]) plan._reused.Add(shown[i]);
        }
        return plan;
    }

    /// <summary>Carries every reused topic's files into the build's output.</summary>
    public void CarryOver(IBuildOutput output, int parallelism)
    {
        var from = Cache.CurrentFolder;
        if (from is null || _reused.Count == 0) return;
        var files = _reusedRecords.Keys.ToList();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            rel => output.Keep(rel, Path.Combine(from, rel)));
    }

    /// <summary>The manifest entries for the build's output: every topic whose files are all there
    /// (reused, or written in this build with their hashes recorded).</summary>
    public Dictionary<string, CachedTopic> Manifest(IReadOnlyDictionary<string, string> written, IBuildOutput output)
    {
        var result = new ConcurrentDictionary<string, CachedTopic>(StringComparer.Ordinal);
        Parallel.ForEach(_shown, s =>
        {
            var files = new Dictionary<string, CachedFile>(StringComparer.Ordinal);
            foreach (var rel in Keys.OwnedFiles(s))
            {
                // A carried-over file is the same file (a link to it, or itself), checked intact
                // by its record when it was reused: the record stands. Written files are described.
                CachedFile? record = written.TryGetValue(rel, out var sha) ? BuildCache.Describe(output.Locate(rel), sha)
                    : _reused.Contains(s) ? _reusedRecords.GetValueOrDefault(rel) : null;
                if (record is null) return;
                files[rel] = record;
            }
            result[s.Topic.Id] = new CachedTopic { Key = _keys[s], Files = files };
        });
        return new Dictionary<string, CachedTopic>(result, StringComparer.Ordinal);
    }

    /// <summary>Every file the shown topics own (recorded by content in the manifest).</summary>
    public HashSet<string> OwnedFiles() => _owned ??= _shown.SelectMany(Keys.OwnedFiles).ToHashSet(StringComparer.Ordinal);

    private HashSet<string>? _owned;

    /// <summary>Files of the build that belong to no topic (pages that list topics, assets…).</summary>
    public IEnumerable<string> Others(IEnumerable<string> written)
    {
        var owned = OwnedFiles();
        return written.Where(rel => !owned.Contains(rel));
    }

    private readonly ConcurrentDictionary<string, CachedFile> _reusedRecords = new(StringComparer.Ordinal);

    internal void RememberReused(IReadOnlyDictionary<string, CachedFile> files)
    {
        foreach (var (rel, f) in files) _reusedRecords[rel] = f;
    }
}
