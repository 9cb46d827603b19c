using KbGen.Loading;
using KbGen.Model;
using KbGen.Publishing;
using KbGen.Validation;

namespace KbGen.Tests.Workflow;

public class ModelTests
{
    private static readonly DateOnly Today = new(2026, 1, 1);

    private static KnowledgeBase Load(TempContent kb) => KbLoad.LoadAndValidate(kb.Dir, new ValidationContext(Today)).KnowledgeBase!;

    [Fact]
    public void Status_table_lists_status_version_approval_and_days_until_due()
    {
        using var kb = new TempContent();
        Assert.Equal(WorkflowResult.Done, Publisher.Publish(kb.Dir, TempContent.Lumbar, new DateOnly(2025, 12, 2), Today).Result);
        var rows = StatusReport.Build(Load(kb), Today);
        Assert.Equal(
        [
            new TopicStatusRow(TempContent.Lumbar, "Pain management for lumbar compression fractures", ReviewStatus.Approved, 1, new DateOnly(2025, 12, 2),
                new DateOnly(2025, 10, 9), new DateOnly(2026, 10, 9), 281),
            new TopicStatusRow(TempContent.Osteo, "Back pain after osteoporotic vertebral fractures", ReviewStatus.UnderReview, null, null, null, null, null),
        ], rows);
        Assert.Equal(-1, StatusReport.Build(Load(kb), new DateOnly(2026, 10, 10))[0].DaysUntilDue);
        var lines = StatusReport.Format(rows).Split('\n');
        Assert.StartsWith("TOPIC", lines[0]);
        Assert.Matches(@"^lumbar-compression-fracture-pain\s+approved\s+v1 \(2025-12-02\)\s+2025-10-09\s+281$", lines[1]);
        Assert.Matches(@"^osteoporotic-vertebral-fracture-back-pain\s+under-review\s+-\s+-\s+-$", lines[2]);

        var (code, output, _) = kb.Run("status");
        Assert.Equal(0, code);
        Assert.Contains("v1 (2025-12-02)", output);
    }

    [Fact]
    public void Public_channel_shows_latest_archive_else_approved_working_copy_preview_shows_working_copies()
    {
        using var kb = new TempContent();
        var before = Load(kb);
        var pub = ChannelRule.Select(before, Channel.Public);
        var only = Assert.Single(pub);
        Assert.Equal(TempContent.Lumbar, only.Topic.Id);
        Assert.True(only.IsWorkingCopy);
        Assert.False(only.PendingReview);

        Assert.Equal(WorkflowResult.Done, Publisher.Publish(kb.Dir, TempContent.Lumbar, new DateOnly(2025, 12, 2), Today).Result);
        Assert.Equal(0, kb.Run("review", TempContent.Lumbar, "--status", "draft", "--by", "Author", "--date", "2025-12-03").Code);
        kb.Write(TempContent.Lumbar, kb.Read(TempContent.Lumbar).Replace("title: Pain management for", "title: Managing pain in"));

        var after = Load(kb);
        var p = Assert.Single(ChannelRule.Select(after, Channel.Public));
        Assert.Equal(1, p.Revision!.Version);
        Assert.Equal("Pain management for lumbar compression fractures", p.Topic.Title);
        Assert.Equal(["francis-2008", "kb-guideline"], p.References.Select(r => r.Id).Order());

        var preview = ChannelRule.Select(after, Channel.Preview);
        Assert.Equal([TempContent.Lumbar, TempContent.Osteo], preview.Select(e => e.Topic.Id));
        Assert.All(preview, e => Assert.True(e.IsWorkingCopy && e.PendingReview));
        Assert.Equal("Managing pain in lumbar compression fractures", preview[0].Topic.Title);
        Assert.True(ChannelRule.TryParse("preview", out var c) && c == Channel.Preview);
        Assert.False(ChannelRule.TryParse("draft", out _));
    }

    [Fact]
    public void Redline_reports_added_removed_and_changed_claims_citations_strength_nodes_and_pitfalls()
    {
        using var kb = new TempContent();
        var older = Load(kb).Topics.Single(t => t.Id == TempContent.Osteo);
        var text = kb.Read(TempContent.Osteo)
            // strength and certainty of a claim
            .Replace("relieve pain [@francis-2008].\n        - text: >-\n            For chronic pain",
                     "relieve pain [@francis-2008].\n          strength: conditional\n        - text: >-\n            For chronic pain")
            // a citation added to a claim
            .Replace("            - text: Teriparatide [@francis-2008].", "            - text: Teriparatide [@francis-2008; @kb-guideline].")
            // a pitfall removed and one added
            .Replace("  - text: >-\n      Do not rely on drugs alone for chronic pain; physiotherapy, psychological\n      support and education are part of care [@francis-2008].\n", "")
            .Replace("pitfalls:\n", "pitfalls:\n  - text: Always ask about falls at home [@francis-2008].\n")
            // an algorithm edge and a node text
            .Replace("        - { label: \"No\", next: follow-up }", "        - { label: \"No\", next: exercise-support }")
            .Replace("text: Ongoing follow-up", "text: Ongoing follow-up every 3 months");
        kb.Write(TempContent.Osteo, text);
        var newer = Load(kb).Topics.Single(t => t.Id == TempContent.Osteo);

        var red = Redline.Compare(older, newer);
        Assert.Empty(red.Sections);
        Assert.Equal(4, red.Claims.Count);

        var strength = red.Claims.Single(c => c.StrengthChanged);
        Assert.Equal((null, "conditional", "Exercise, orthoses and support", "2"), (strength.OldStrength, strength.NewStrength, strength.Section, strength.Position));
        Assert.False(strength.TextChanged);

        var cited = red.Claims.Single(c => c.Kind == ChangeKind.Changed && c.CitationsAdded.Count > 0);
        Assert.Equal(["kb-guideline"], cited.CitationsAdded);
        Assert.Equal("2.3", cited.Position);
        Assert.Equal("Teriparatide [francis-2008; kb-guideline].", cited.NewText);

        var pit = red.Pitfalls.ToList();
        Assert.Equal([ChangeKind.Added, ChangeKind.Removed], pit.Select(c => c.Kind));
        Assert.Equal("Always ask about falls at home [francis-2008].", pit[0].NewText);
        Assert.StartsWith("Do not rely on drugs alone", pit[1].OldText);

        Assert.Equal(2, red.Nodes.Count);
        var edge = red.Nodes.Single(n => n.NodeId == "refractory");
        Assert.Equal(["No → exercise-support"], edge.EdgesAdded);
        Assert.Equal(["No → follow-up"], edge.EdgesRemoved);
        var node = red.Nodes.Single(n => n.NodeId == "follow-up");
        Assert.Equal([new DiffSegment(SegmentKind.Unchanged, "Ongoing follow-up"), new DiffSegment(SegmentKind.Inserted, " every 3 months")],
            Normalize(node.Words));
    }

    [Fact]
    public void Redline_of_a_topic_with_itself_is_empty_and_word_diffs_spell_both_texts()
    {
        using var kb = new TempContent();
        var t = Load(kb).Topics.Single(x => x.Id == TempContent.Lumbar);
        Assert.True(Redline.Compare(t, t).IsEmpty);

        const string a = "NSAIDs relieve back pain over 2 to 12 weeks [kb-guideline].";
        const string b = "NSAIDs clearly relieve acute back pain over 2 to 6 weeks [kb-guideline; francis-2008].";
        var w = Redline.WordDiff(a, b);
        Assert.Equal(a, string.Concat(w.Where(s => s.Kind != SegmentKind.Inserted).Select(s => s.Text)));
        Assert.Equal(b, string.Concat(w.Where(s => s.Kind != SegmentKind.Deleted).Select(s => s.Text)));
    }

    [Fact]
    public void A_renamed_section_is_reported_and_its_claims_are_compared()
    {
        using var kb = new TempContent();
        var older = Load(kb).Topics.Single(t => t.Id == TempContent.Osteo);
        kb.Write(TempContent.Osteo, kb.Read(TempContent.Osteo).Replace("    - title: Procedures\n", "    - title: Procedural options\n"));
        var red = Redline.Compare(older, Load(kb).Topics.Single(t => t.Id == TempContent.Osteo));
        Assert.Equal([new SectionChange(ChangeKind.Changed, "clinician", "Procedures", "Procedural options")], red.Sections);
        Assert.Empty(red.Claims);
    }

    // Compare segments without the white space at their edges.
    private static IEnumerable<DiffSegment> Normalize(IEnumerable<DiffSegment> s) =>
        s.Select(x => x with { Text = x.Kind == SegmentKind.Unchanged ? x.Text.TrimEnd() : " " + x.Text.Trim() });
}
