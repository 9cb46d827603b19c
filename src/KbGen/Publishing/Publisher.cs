using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Readers;
using KbGen.Model;
using KbGen.Validation;

namespace KbGen.Publishing;

/// <summary>`kbgen publish`: freezes an approved topic, with the references it cites, as
/// content/archive/&lt;topic&gt;/v&lt;N&gt;.yaml. Archive files are written once: the text goes to a
/// dot-file in the same folder, is read back through <see cref="ArchiveReader"/>, and is then moved
/// to v&lt;N&gt;.yaml without overwriting (on Unix .NET does this with link(2), which fails if the name
/// exists). A publish that loses the race for N looks again: the winner's version is either the
/// same content (refused as unchanged) or older content (this one becomes N+1).</summary>
public static class Publisher
{
    public const int MaxAttempts = 50;

    public static string ArchiveText(Topic topic, IEnumerable<Reference> refs, int version, DateOnly published)
    {
        var sb = new StringBuilder();
        sb.Append("# Published revision, written by kbgen publish. Do not edit: the hash covers every other line.\n");
        sb.Append("topic: ").Append(topic.Id).Append('\n');
        sb.Append("version: ").Append(version).Append('\n');
        sb.Append("published: ").Append(YamlText.Date(published)).Append('\n');
        sb.Append("hash: @\n");
        sb.Append("content:\n").Append(CanonicalYaml.Topic(topic, 2));
        var list = refs.ToList();
        if (list.Count == 0) sb.Append("references: []\n");
        else sb.Append("references:\n").Append(CanonicalYaml.References(list, 2));
        var text = sb.ToString();
        return text.Replace("hash: @\n", "hash: " + ArchiveHash.Compute(text) + "\n");
    }

    public static WorkflowOutcome Publish(string contentDir, string topicId, DateOnly published, DateOnly today)
    {
        if (published > today) return WorkflowOutcome.Bad($"--date {YamlText.Date(published)} is in the future");
        var load = KbLoad.LoadAndValidate(contentDir, new ValidationContext(today));
        if (load.KnowledgeBase is not { } kb)
            return WorkflowOutcome.Refuse("the knowledge base could not be loaded", load.Diagnostics.Where(d => d.IsError).ToList());
        var topic = kb.Topics.FirstOrDefault(t => t.Id == topicId);
        if (topic is null)
            return File.Exists(Path.Combine(contentDir, "topics", topicId + ".yaml"))
                ? WorkflowOutcome.Refuse($"topic '{topicId}' could not be read", ErrorsIn(load, Path.Combine(contentDir, "topics", topicId + ".yaml")))
                : WorkflowOutcome.Bad($"no topic '{topicId}' in {Path.Combine(contentDir, "topics")}");
        if (topic.Review.Status != ReviewStatus.Approved)
            return WorkflowOutcome.Refuse($"topic '{topicId}' is {topic.Review.Status.ToName()}, not approved; only an approved topic can be published (kbgen review {topicId} --status ...)");
        var errors = ErrorsIn(load, topic.FilePath);
        if (errors.Count > 0)
            return WorkflowOutcome.Refuse($"topic '{topicId}' has {errors.Count} error(s); fix them (kbgen check) before publishing", errors);
        var dir = Path.Combine(kb.ContentRoot, "archive", topicId);
        var damaged = load.Diagnostics.Where(d => d.IsError && d.Span.File.Length > 0 && ContentPaths.IsInside(d.Span.File, dir)).ToList();
        if (damaged.Count > 0)
            return WorkflowOutcome.Refuse($"the archive of '{topicId}' has errors; restore it from version control before publishing", damaged);
        if (topic.Review.LastApproval is { } approval && published < approval.Date)
            return WorkflowOutcome.Refuse($"publication date {YamlText.Date(published)} is before the approval on {YamlText.Date(approval.Date)}");

        var refs = new List<Reference>();
        foreach (var id in TopicText.CitedIds(topic))
        {
            if (kb.FindReference(id) is not { } r) return WorkflowOutcome.Refuse($"topic '{topicId}' cites '{id}', which does not exist");
            refs.Add(r);
        }
        var substance = CanonicalYaml.Substance(topic, refs);

        Directory.CreateDirectory(dir);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var last = LatestVersion(dir);
            if (last > 0)
            {
                var bag = new DiagnosticBag();
                var lastPath = Path.Combine(dir, $"v{last}.yaml");
                var previous = ContentLoader.ReadYaml(lastPath, kb.ContentRoot, bag, (n, f) => ArchiveReader.Read(n, f, topicId, last));
                if (previous is null || bag.HasErrors)
                    return WorkflowOutcome.Refuse($"{lastPath} cannot be read; restore it before publishing", bag.Sorted());
                if (CanonicalYaml.Substance(previous.Topic, previous.References) == substance)
                    return WorkflowOutcome.Refuse($"topic '{topicId}' is unchanged since version {last} ({lastPath}); nothing to publish");
                if (published < previous.Published)
                    return WorkflowOutcome.Refuse($"publication date {YamlText.Date(published)} is before version {last}'s ({YamlText.Date(previous.Published)})");
            }
            var version = last + 1;
            var dest = Path.Combine(dir, $"v{version}.yaml");
            var tmp = Path.Combine(dir, $".v{version}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            try
            {
                WriteNew(tmp, ArchiveText(topic, refs, version, published));
                var bag = new DiagnosticBag();
                var back = ContentLoader.ReadYaml(tmp, kb.ContentRoot, bag, (n, f) => ArchiveReader.Read(n, f, topicId, version));
                if (back is null || bag.HasErrors || CanonicalYaml.Substance(back.Topic, back.References) != substance)
                    return WorkflowOutcome.Refuse("internal check failed: the archived revision did not read back as written; nothing was published", bag.Sorted());
                // link(2) creates dest only if no file has that name, atomically; .NET's
                // File.Move(overwrite: false) checks and then renames, so two racing publishes could
                // both "win" the same N (a test caught it). The dot-file is removed below.
                if (!Output.Posix.TryLink(tmp, dest, out var errno))
                {
                    if (errno == Output.Posix.EEXIST) continue; // another publish took v<version>; look again
                    throw new IOException($"cannot create {dest} (errno {errno})");
                }
                return new WorkflowOutcome(WorkflowResult.Done, $"published {topicId} as version {version}: {dest}", dest, version);
            }
            finally
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
        }
        return WorkflowOutcome.Refuse($"gave up after {MaxAttempts} attempts: other publishes of '{topicId}' kept taking the next version");
    }

    /// <summary>The highest N of the v&lt;N&gt;.yaml files in a topic's archive folder, 0 if none.</summary>
    public static int LatestVersion(string archiveTopicDir)
    {
        if (!Directory.Exists(archiveTopicDir)) return 0;
        var max = 0;
        foreach (var f in Directory.EnumerateFileSystemEntries(archiveTopicDir))
            if (ArchiveReader.TryParseVersion(Path.GetFileName(f), out var v) && v > max) max = v;
        return max;
    }

    private static void WriteNew(string path, string text)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        fs.Write(bytes);
        fs.Flush(flushToDisk: true);
    }

    internal static IReadOnlyList<Diagnostic> ErrorsIn(LoadResult load, string file) =>
        load.Diagnostics.Where(d => d.IsError && SamePath(d.Span.File, file)).ToList();

    internal static bool SamePath(string a, string b) =>
        a.Length > 0 && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
