using System.Text;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Readers;
using KbGen.Model;
using KbGen.Validation;

namespace KbGen.Publishing;

public sealed record ReviewRequest(string TopicId, ReviewStatus Status, string By, string? Note, DateOnly Date);

/// <summary>`kbgen review`: one legal step of a topic's review, written into its file in place.
/// The edited text goes to a dot-file beside the topic, is read back through the loader and
/// checked (same topic, new status, one more step, history still legal), and only then renamed over
/// the topic file; a broken edit is never written.</summary>
public static class ReviewWorkflow
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static WorkflowOutcome Apply(string contentDir, ReviewRequest req, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(req.By)) return WorkflowOutcome.Bad("--by needs a name");
        if (req.Date > today) return WorkflowOutcome.Bad($"--date {YamlText.Date(req.Date)} is in the future");
        if (!IdRules.IsValidId(req.TopicId)) return WorkflowOutcome.Bad($"'{req.TopicId}' is not a topic id");
        var root = contentDir.TrimEnd('/', '\\');
        if (root.Length == 0) root = ".";
        var path = Path.Combine(root, "topics", req.TopicId + ".yaml");
        if (!File.Exists(path)) return WorkflowOutcome.Bad($"no topic '{req.TopicId}': {path} does not exist");
        // A symbolic link is edited where it points, and stays a link.
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

        var original = Utf8.GetString(File.ReadAllBytes(target));
        var before = new DiagnosticBag();
        var topic = ContentLoader.ReadYaml(path, root, before, (n, f) => TopicReader.Read(n, f, req.TopicId));
        if (topic is null || before.HasErrors)
            return WorkflowOutcome.Refuse($"{path} has errors; fix them before changing its review status", before.Sorted().Where(d => d.IsError).ToList());

        var from = topic.Review.Status;
        if (!ReviewHistoryRule.IsLegal(from, req.Status))
        {
            var legal = ReviewHistoryRule.LegalNext(from).Select(s => s.ToName()).ToList();
            return WorkflowOutcome.Refuse($"'{topic.Id}' is {from.ToName()}; it cannot go to {req.Status.ToName()}. Legal next: {string.Join(", ", legal)}");
        }
        if (topic.Review.History.Count > 0 && topic.Review.History[^1].Date > req.Date)
            return WorkflowOutcome.Refuse($"the last review step is dated {YamlText.Date(topic.Review.History[^1].Date)}; a new step cannot be dated {YamlText.Date(req.Date)}");

        if (req.Status == ReviewStatus.Approved)
        {
            var load = KbLoad.LoadAndValidate(root, new ValidationContext(today));
            var errors = load.Diagnostics.Where(d => d.IsError && Publisher.SamePath(d.Span.File, path)).ToList();
            if (load.KnowledgeBase is null) errors = load.Diagnostics.Where(d => d.IsError).ToList();
            if (errors.Count > 0)
                return WorkflowOutcome.Refuse($"'{topic.Id}' cannot be approved: check finds {errors.Count} error(s) in it", errors);
        }

        var step = new ReviewStep(req.Status, req.Date, req.By.Trim(), string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim(), SourceSpan.None);
        string edited;
        try { edited = ReviewEditor.Apply(original, path, step); }
        catch (ReviewEditor.EditException ex) { return WorkflowOutcome.Refuse($"{path}: {ex.Message}"); }

        var dir = Path.GetDirectoryName(target)!;
        var tmp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                fs.Write(Utf8.GetBytes(edited));
                fs.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(tmp, File.GetUnixFileMode(target));

            var after = new DiagnosticBag();
            var back = ContentLoader.ReadYaml(tmp, root, after, (n, f) => TopicReader.Read(n, f, req.TopicId));
            var problem = Verify(topic, back, step, after);
            if (problem is not null)
                return WorkflowOutcome.Refuse($"internal check failed ({problem}); {path} was not changed", after.Sorted());

            if (Utf8.GetString(File.ReadAllBytes(target)) != original)
                return WorkflowOutcome.Refuse($"{path} changed while it was being edited; nothing was written, run the command again");
            File.Move(tmp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
        return new WorkflowOutcome(WorkflowResult.Done, $"{topic.Id}: {from.ToName()} → {req.Status.ToName()} by {step.By} on {YamlText.Date(step.Date)}", path);
    }

    private static string? Verify(Topic before, Topic? after, ReviewStep step, DiagnosticBag diagnostics)
    {
        if (after is null || diagnostics.HasErrors) return "the edited file does not read";
        if (after.Review.Status != step.Status) return "the status did not change";
        if (after.Review.History.Count != before.Review.History.Count + 1) return "the history did not grow by one step";
        var last = after.Review.History[^1];
        if (last.Status != step.Status || last.Date != step.Date || last.By != step.By || last.Note != step.Note)
            return "the new step does not read back as written";
        for (var i = 0; i < before.Review.History.Count; i++)
        {
            var (a, b) = (before.Review.History[i], after.Review.History[i]);
            if (a.Status != b.Status || a.Date != b.Date || a.By != b.By || a.Note != b.Note) return "an earlier step changed";
        }
        var bag = new DiagnosticBag();
        ReviewHistoryRule.CheckTopic(after.Review, bag);
        if (bag.HasErrors) { diagnostics.AddRange(bag.Sorted()); return "the history is not legal"; }
        if (CanonicalYaml.Topic(before, includeReview: false) != CanonicalYaml.Topic(after, includeReview: false))
            return "something besides the review changed";
        return null;
    }
}
