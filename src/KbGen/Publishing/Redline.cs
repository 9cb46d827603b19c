using System.Text.RegularExpressions;
using DiffPlex;
using KbGen.Model;

namespace KbGen.Publishing;

public enum ChangeKind { Added, Removed, Changed }

public enum SegmentKind { Unchanged, Inserted, Deleted }

/// <summary>A run of words; Unchanged + Deleted segments spell the old text, Unchanged + Inserted the new.</summary>
public sealed record DiffSegment(SegmentKind Kind, string Text);

/// <summary>One claim that differs between two revisions. Audience is "clinician" or "patient";
/// Part is "summary", "section", "red-flags" or "pitfalls" (pitfalls and the topic summary are
/// clinician claims); Section is the section title (the new one if renamed); Position is the
/// 1-based path within its part ("2" or "2.1" for a nested item), in the new revision when the
/// claim exists there. Texts are shown as readers see them (see <see cref="TopicText.Display"/>).</summary>
public sealed record ClaimChange(ChangeKind Kind, string Audience, string Part, string? Section, string Position,
    string? OldText, string? NewText, IReadOnlyList<DiffSegment> Words,
    IReadOnlyList<string> CitationsAdded, IReadOnlyList<string> CitationsRemoved,
    string? OldStrength, string? NewStrength, string? OldCertainty, string? NewCertainty)
{
    public bool TextChanged => OldText != NewText;
    public bool StrengthChanged => Kind == ChangeKind.Changed && OldStrength != NewStrength;
    public bool CertaintyChanged => Kind == ChangeKind.Changed && OldCertainty != NewCertainty;
}

/// <summary>A section added, removed or renamed (matched by title, else by position).</summary>
public sealed record SectionChange(ChangeKind Kind, string Audience, string? OldTitle, string? NewTitle);

/// <summary>An algorithm node, matched by id. Edges are written "label → target" or "→ target".</summary>
public sealed record NodeChange(ChangeKind Kind, string NodeId, string? OldText, string? NewText, IReadOnlyList<DiffSegment> Words,
    IReadOnlyList<string> EdgesAdded, IReadOnlyList<string> EdgesRemoved, string? OldKind, string? NewKind, string? OldPhase, string? NewPhase);

/// <summary>What changed between two revisions of a topic, claim by claim, for the site's redline
/// view. Claims are compared within their section (matched by title): equal texts are aligned in
/// order, and among the rest a removed and an added claim that share most of their words are one
/// changed claim.</summary>
public sealed partial record Redline(string TopicId, int? FromVersion, int? ToVersion, IReadOnlyList<ClaimChange> Claims,
    IReadOnlyList<SectionChange> Sections, IReadOnlyList<NodeChange> Nodes)
{
    public const double SimilarityThreshold = 0.5;

    public bool IsEmpty => Claims.Count == 0 && Sections.Count == 0 && Nodes.Count == 0;
    public IEnumerable<ClaimChange> Pitfalls => Claims.Where(c => c.Part == "pitfalls");

    public static Redline Compare(ArchivedRevision older, ArchivedRevision newer) =>
        Compare(older.Topic, newer.Topic) with { FromVersion = older.Version, ToVersion = newer.Version };

    /// <summary>Compares two topics; <paramref name="newer"/> may be a working copy.</summary>
    public static Redline Compare(Topic older, Topic newer)
    {
        var claims = new List<ClaimChange>();
        var sections = new List<SectionChange>();
        CompareList(claims, "clinician", "summary", null, Single(older.Summary), Single(newer.Summary));
        CompareAudience(claims, sections, "clinician", older.Clinician, newer.Clinician);
        CompareList(claims, "clinician", "pitfalls", null, Slots(older.Pitfalls), Slots(newer.Pitfalls));
        CompareList(claims, "patient", "summary", null, Single(older.Patient.Summary), Single(newer.Patient.Summary));
        CompareAudience(claims, sections, "patient", older.Patient, newer.Patient);
        return new Redline(newer.Id, null, null, claims, sections, CompareNodes(older.Algorithm, newer.Algorithm));
    }

    private sealed record Slot(string Position, Claim? Claim, MarkdownText Text, string Display);

    private static List<Slot> Single(MarkdownText? text) =>
        text is null || text.IsEmpty ? [] : [new Slot("1", null, text, TopicText.Display(text.Source))];

    private static List<Slot> Slots(IReadOnlyList<Claim> claims, string prefix = "")
    {
        var list = new List<Slot>();
        for (var i = 0; i < claims.Count; i++)
        {
            var pos = prefix + (i + 1);
            list.Add(new Slot(pos, claims[i], claims[i].Text, TopicText.Display(claims[i].Text.Source)));
            list.AddRange(Slots(claims[i].Items, pos + "."));
        }
        return list;
    }

    private static void CompareAudience(List<ClaimChange> claims, List<SectionChange> sections, string audience, AudienceText a, AudienceText b)
    {
        var matched = new List<(Section? Old, Section? New)>();
        var unmatchedNew = b.Sections.ToList();
        var unmatchedOld = new List<Section>();
        foreach (var s in a.Sections)
        {
            var twin = unmatchedNew.FirstOrDefault(n => n.Title == s.Title);
            if (twin is null) unmatchedOld.Add(s);
            else { matched.Add((s, twin)); unmatchedNew.Remove(twin); }
        }
        // A section that lost its title match pairs with a new one at the same place: a rename.
        foreach (var s in unmatchedOld.ToList())
        {
            var index = a.Sections.ToList().IndexOf(s);
            var twin = index < b.Sections.Count && unmatchedNew.Contains(b.Sections[index]) ? b.Sections[index] : null;
            if (twin is null) continue;
            matched.Add((s, twin));
            unmatchedOld.Remove(s);
            unmatchedNew.Remove(twin);
            sections.Add(new SectionChange(ChangeKind.Changed, audience, s.Title, twin.Title));
        }
        foreach (var s in unmatchedOld) { matched.Add((s, null)); sections.Add(new SectionChange(ChangeKind.Removed, audience, s.Title, null)); }
        foreach (var s in unmatchedNew) { matched.Add((null, s)); sections.Add(new SectionChange(ChangeKind.Added, audience, null, s.Title)); }
        // Report in the order of the new revision, removed sections where they were.
        foreach (var (o, n) in matched.OrderBy(p => p.New is null ? a.Sections.ToList().IndexOf(p.Old!) - 0.5 : b.Sections.ToList().IndexOf(p.New)))
            CompareList(claims, audience, "section", n?.Title ?? o!.Title, Slots(o?.Items ?? []), Slots(n?.Items ?? []));
        CompareList(claims, audience, "red-flags", null, Slots(a.RedFlags), Slots(b.RedFlags));
    }

    private static void CompareList(List<ClaimChange> output, string audience, string part, string? section, List<Slot> a, List<Slot> b)
    {
        // Longest common subsequence of the displayed texts anchors the unchanged claims.
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                lcs[i, j] = a[i].Display == b[j].Display ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var pairs = new List<(int I, int J)>();
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a[i].Display == b[j].Display) { pairs.Add((i, j)); i++; j++; }
            else if (lcs[i + 1, j] >= lcs[i, j + 1]) i++;
            else j++;
        }
        pairs.Add((a.Count, b.Count));

        var changes = new List<(double Order, ClaimChange Change)>();
        int pi = 0, pj = 0;
        foreach (var (mi, mj) in pairs)
        {
            // The gap before this anchor: pair similar claims in order, the rest are removed or added.
            var olds = Enumerable.Range(pi, mi - pi).ToList();
            var news = Enumerable.Range(pj, mj - pj).ToList();
            var nextNew = 0;
            var pairedNew = new HashSet<int>();
            foreach (var oi in olds)
            {
                var best = -1;
                var bestScore = SimilarityThreshold;
                for (var k = nextNew; k < news.Count; k++)
                {
                    var score = Similarity(a[oi].Display, b[news[k]].Display);
                    if (score >= bestScore && (best < 0 || score > bestScore)) { best = k; bestScore = score; }
                }
                if (best < 0) { changes.Add((OrderOfRemoved(oi, pj), Make(ChangeKind.Removed, a[oi], null))); continue; }
                changes.Add((news[best], Make(ChangeKind.Changed, a[oi], b[news[best]])));
                pairedNew.Add(news[best]);
                nextNew = best + 1;
            }
            foreach (var nj in news.Where(n => !pairedNew.Contains(n))) changes.Add((nj, Make(ChangeKind.Added, null, b[nj])));
            if (mi < a.Count && mj < b.Count)
            {
                var (o, n) = (a[mi], b[mj]);
                if (o.Claim?.Strength != n.Claim?.Strength || o.Claim?.Certainty != n.Claim?.Certainty)
                    changes.Add((mj, Make(ChangeKind.Changed, o, n)));
            }
            pi = mi + 1;
            pj = mj + 1;
        }
        output.AddRange(changes.OrderBy(c => c.Order).Select(c => c.Change));

        static double OrderOfRemoved(int oldIndex, int newGapStart) => newGapStart - 0.5 + oldIndex * 1e-6;

        ClaimChange Make(ChangeKind kind, Slot? o, Slot? n)
        {
            var oldIds = o?.Text.Citations.Select(c => c.ReferenceId).Distinct().ToList() ?? [];
            var newIds = n?.Text.Citations.Select(c => c.ReferenceId).Distinct().ToList() ?? [];
            return new ClaimChange(kind, audience, part, section, (n ?? o)!.Position, o?.Display, n?.Display,
                WordDiff(o?.Display ?? "", n?.Display ?? ""),
                newIds.Except(oldIds).ToList(), oldIds.Except(newIds).ToList(),
                o?.Claim?.Strength, n?.Claim?.Strength, o?.Claim?.Certainty, n?.Claim?.Certainty);
        }
    }

    private static IReadOnlyList<NodeChange> CompareNodes(Algorithm? a, Algorithm? b)
    {
        var olds = a?.Nodes ?? [];
        var news = b?.Nodes ?? [];
        var result = new List<NodeChange>();
        foreach (var n in news)
        {
            var o = olds.FirstOrDefault(x => x.Id == n.Id);
            var newEdges = Edges(n);
            if (o is null)
            {
                result.Add(new NodeChange(ChangeKind.Added, n.Id, null, TopicText.Display(n.Text.Source), WordDiff("", TopicText.Display(n.Text.Source)),
                    newEdges, [], null, Kind(n), null, n.Phase));
                continue;
            }
            var oldEdges = Edges(o);
            var (ot, nt) = (TopicText.Display(o.Text.Source), TopicText.Display(n.Text.Source));
            if (ot == nt && oldEdges.SequenceEqual(newEdges) && o.Kind == n.Kind && o.Phase == n.Phase) continue;
            result.Add(new NodeChange(ChangeKind.Changed, n.Id, ot, nt, WordDiff(ot, nt), newEdges.Except(oldEdges).ToList(),
                oldEdges.Except(newEdges).ToList(), Kind(o), Kind(n), o.Phase, n.Phase));
        }
        foreach (var o in olds.Where(o => news.All(n => n.Id != o.Id)))
            result.Add(new NodeChange(ChangeKind.Removed, o.Id, TopicText.Display(o.Text.Source), null, WordDiff(TopicText.Display(o.Text.Source), ""),
                [], Edges(o), Kind(o), null, o.Phase, null));
        return result;

        static string Kind(AlgorithmNode n) => n.Kind.ToString().ToLowerInvariant();
        static List<string> Edges(AlgorithmNode n) => n.Edges.Select(e => e.Label is null ? $"→ {e.Target}" : $"{e.Label} → {e.Target}").ToList();
    }

    [GeneratedRegex(@"\s+|\S+")]
    private static partial Regex Token();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>Word-level diff (DiffPlex); words and runs of white space are separate tokens.</summary>
    public static IReadOnlyList<DiffSegment> WordDiff(string oldText, string newText)
    {
        var result = new Differ().CreateCustomDiffs(oldText, newText, false,
            s => Token().Matches(s).Select(m => m.Value).ToArray());
        var segments = new List<DiffSegment>();
        var oldPos = 0;
        foreach (var block in result.DiffBlocks)
        {
            for (; oldPos < block.DeleteStartA; oldPos++) Add(SegmentKind.Unchanged, result.PiecesOld[oldPos]);
            for (var k = 0; k < block.DeleteCountA; k++) Add(SegmentKind.Deleted, result.PiecesOld[block.DeleteStartA + k]);
            for (var k = 0; k < block.InsertCountB; k++) Add(SegmentKind.Inserted, result.PiecesNew[block.InsertStartB + k]);
            oldPos = block.DeleteStartA + block.DeleteCountA;
        }
        for (; oldPos < result.PiecesOld.Length; oldPos++) Add(SegmentKind.Unchanged, result.PiecesOld[oldPos]);
        return segments;

        void Add(SegmentKind kind, string text)
        {
            if (segments.Count > 0 && segments[^1].Kind == kind) segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
            else segments.Add(new DiffSegment(kind, text));
        }
    }

    /// <summary>Dice coefficient of the two texts' sets of lower-cased words.</summary>
    public static double Similarity(string a, string b)
    {
        var x = Word().Matches(a.ToLowerInvariant()).Select(m => m.Value).ToHashSet();
        var y = Word().Matches(b.ToLowerInvariant()).Select(m => m.Value).ToHashSet();
        if (x.Count + y.Count == 0) return 1;
        return 2.0 * x.Count(y.Contains) / (x.Count + y.Count);
    }
}
