using KbGen.Diagnostics;
using KbGen.Loading.Yaml;
using KbGen.Model;

namespace KbGen.Loading.Readers;

/// <summary>A topic mapping into a <see cref="Topic"/>. Used for working copies (topics/) and for
/// the frozen copies inside archived revisions.</summary>
public static class TopicReader
{
    private static readonly string[] Statuses = ["draft", "submitted", "under-review", "approved"];
    private static readonly string[] Strengths = ["strong", "conditional"];
    private static readonly string[] Certainties = ["high", "moderate", "low", "very-low"];
    private static readonly string[] Kinds = ["start", "step", "decision", "end"];

    public static Topic? Read(YNode? root, FileContext file, string? expectedId)
    {
        var m = MapReader.Of(root, file, "a topic");
        if (m is null) return null;
        var id = m.FileId(expectedId);
        var title = m.String("title", required: true);
        var question = m.String("question", required: true);
        var tags = m.StringList("tags");
        foreach (var t in tags)
            if (!IdRules.IsValidId(t))
                file.Diagnostics.Add(DiagnosticCodes.InvalidId, m.Node("tags")!.Span, $"tag '{t}' must be lower-case words joined by hyphens");
        var review = ReadReview(m.Mapping("review", required: true), file);
        var updatedSpan = m.Node("updated")?.Span ?? m.Span;
        var updated = m.Date("updated", required: true);
        var summary = m.Markdown("summary"); // required unless draft: checked by the NeedsContent rule
        var clinician = ReadAudience(m.Mapping("clinician"), file, hasSummary: false);
        var patient = ReadAudience(m.Mapping("patient"), file, hasSummary: true);
        var algorithm = ReadAlgorithm(m.Mapping("algorithm"), file);
        var pitfalls = ReadClaims(m.Sequence("pitfalls"), file, "pitfalls");
        m.Done();

        if (id is null || title is null || question is null || review is null || updated is null)
            return null;
        return new Topic
        {
            Id = id, Title = title, Question = question, Tags = tags, Review = review, Updated = updated.Value, UpdatedSpan = updatedSpan,
            Summary = summary ?? new MarkdownText("", m.Span), Clinician = clinician ?? AudienceText.Empty, Patient = patient ?? AudienceText.Empty,
            Algorithm = algorithm, Pitfalls = pitfalls, Span = m.Span, FilePath = file.Path,
        };
    }

    private static Review? ReadReview(MapReader? m, FileContext file)
    {
        if (m is null) return null;
        var status = m.Enum("status", Statuses, required: true);
        var steps = new List<ReviewStep>();
        foreach (var item in m.Sequence("history")?.Items ?? [])
        {
            var s = MapReader.Of(item, file, "a review step");
            if (s is null) continue;
            var st = s.Enum("status", Statuses, required: true);
            var date = s.Date("date", required: true);
            var by = s.String("by", required: true);
            var note = s.String("note");
            s.Done();
            if (st is not null && date is not null && by is not null && ReviewStatusNames.TryParse(st, out var rs))
                steps.Add(new ReviewStep(rs, date.Value, by, note, s.Span));
        }
        m.Done();
        return status is not null && ReviewStatusNames.TryParse(status, out var value) ? new Review(value, steps, m.Span) : null;
    }

    private static AudienceText? ReadAudience(MapReader? m, FileContext file, bool hasSummary)
    {
        if (m is null) return null;
        var summary = hasSummary ? m.Markdown("summary") : null;
        var sections = new List<Section>();
        foreach (var item in m.Sequence("sections")?.Items ?? [])
        {
            var s = MapReader.Of(item, file, "a section");
            if (s is null) continue;
            var title = s.String("title", required: true);
            var items = ReadClaims(s.Sequence("items"), file, "items");
            s.Done();
            if (title is not null) sections.Add(new Section(title, items, s.Span));
        }
        var redFlags = ReadClaims(m.Sequence("red-flags"), file, "red-flags");
        m.Done();
        return new AudienceText(summary, sections, redFlags, m.Span);
    }

    internal static IReadOnlyList<Claim> ReadClaims(YSequence? seq, FileContext file, string what, int depth = 0)
    {
        if (seq is null) return [];
        var claims = new List<Claim>();
        var itemWhat = $"an item of '{what}'";
        foreach (var item in seq.Items)
        {
            var c = MapReader.Of(item, file, itemWhat);
            if (c is null) continue;
            var text = c.Markdown("text", required: true);
            var strength = c.Enum("strength", Strengths);
            var certainty = c.Enum("certainty", Certainties);
            var nested = ReadClaims(c.Sequence("items"), file, "items", depth + 1);
            c.Done();
            if (text is not null) claims.Add(new Claim(text, strength, certainty, nested, c.Span));
        }
        // Exact arrays: most claims have no items, and each list is one more object in the model.
        return claims.Count == 0 ? [] : claims.ToArray();
    }

    private static Algorithm? ReadAlgorithm(MapReader? m, FileContext file)
    {
        if (m is null) return null;
        var title = m.String("title") ?? "Treatment algorithm";
        var phases = new List<Phase>();
        foreach (var item in m.Sequence("phases")?.Items ?? [])
        {
            var p = MapReader.Of(item, file, "a phase");
            if (p is null) continue;
            var id = p.Id("id");
            var label = p.String("label", required: true);
            var window = p.String("window");
            p.Done();
            if (id is not null && label is not null) phases.Add(new Phase(id, label, window, p.Span));
        }
        var startSpan = m.Node("start")?.Span ?? m.Span;
        var start = m.Id("start");
        var nodes = new List<AlgorithmNode>();
        foreach (var item in m.Sequence("nodes", required: true)?.Items ?? [])
        {
            var n = MapReader.Of(item, file, "an algorithm node");
            if (n is null) continue;
            var id = n.Id("id");
            var kind = n.Enum("kind", Kinds, required: true);
            var text = n.Markdown("text", required: true);
            var phase = n.Has("phase") ? n.Id("phase") : null;
            var next = n.Has("next") ? n.Id("next") : null;
            var branches = new List<Branch>();
            foreach (var b in n.Sequence("branches")?.Items ?? [])
            {
                var br = MapReader.Of(b, file, "a branch");
                if (br is null) continue;
                var label = br.String("label", required: true);
                var to = br.Id("next");
                br.Done();
                if (label is not null && to is not null) branches.Add(new Branch(label, to, br.Span));
            }
            n.Done();
            // A node with a bad kind (already reported) is kept as a step, so that edges to it do
            // not cascade into "not a node" errors.
            if (id is not null && text is not null)
                nodes.Add(new AlgorithmNode(id, kind is null ? NodeKind.Step : Enum.Parse<NodeKind>(kind, ignoreCase: true), text, phase, next, branches, n.Span));
        }
        m.Done();
        return start is null ? null : new Algorithm(title, phases, start, nodes, m.Span) { StartSpan = startSpan };
    }
}
