using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Readers;
using KbGen.Model;
using KbGen.Publishing;
using KbGen.Validation;

namespace KbGen.Tests.Workflow;

public class PublishTests
{
    private static readonly DateOnly Today = new(2025, 12, 15);
    private const string OldClaim = "Specific spinal orthoses may reduce kyphosis, improve mobility and\n            relieve pain [@francis-2008].";
    private const string NewClaim = "Specific spinal orthoses may reduce kyphosis, improve mobility and\n            often relieve pain [@francis-2008].";

    private static KnowledgeBase Load(TempContent kb)
    {
        var r = KbLoad.LoadAndValidate(kb.Dir, new ValidationContext(Today));
        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics.Where(d => d.IsError)));
        return r.KnowledgeBase!;
    }

    private static void Approve(TempContent kb, string id, string date = "2025-12-01")
    {
        var (code, _, err) = kb.Run("review", id, "--status", "approved", "--by", "Board chair", "--note", "Looks right", "--date", date);
        Assert.True(code == 0, err);
    }

    private static void Cycle(TempContent kb, string id, string date)
    {
        foreach (var s in new[] { "draft", "submitted", "under-review" })
            Assert.Equal(0, kb.Run("review", id, "--status", s, "--by", "Someone", "--date", date).Code);
        Approve(kb, id, date);
    }

    [Fact]
    public void Publish_writes_v1_that_loads_through_the_archive_reader()
    {
        using var kb = new TempContent();
        var o = Publisher.Publish(kb.Dir, TempContent.Lumbar, new DateOnly(2025, 12, 2), Today);
        Assert.Equal(WorkflowResult.Done, o.Result);
        var path = Path.Combine(kb.ArchiveDir(TempContent.Lumbar), "v1.yaml");
        Assert.Equal(path, o.Path);

        var bag = new DiagnosticBag();
        var rev = ContentLoader.ReadYaml(path, kb.Dir, bag, (n, f) => ArchiveReader.Read(n, f, TempContent.Lumbar, 1));
        Assert.Empty(bag.Sorted());
        Assert.NotNull(rev);
        Assert.Equal(new DateOnly(2025, 12, 2), rev!.Published);
        Assert.Equal(["francis-2008", "kb-guideline"], rev.References.Select(r => r.Id).Order());

        var model = Load(kb);
        var working = model.Topics.Single(t => t.Id == TempContent.Lumbar);
        Assert.Equal(CanonicalYaml.Topic(working), CanonicalYaml.Topic(rev.Topic));
        Assert.Equal(CanonicalYaml.References(model.References), CanonicalYaml.References(rev.References));
        Assert.Equal(ArchiveHash.Compute(File.ReadAllText(path)), rev.Hash);
        Assert.Single(Directory.GetFileSystemEntries(kb.ArchiveDir(TempContent.Lumbar))); // no dot-file left
    }

    [Fact]
    public void Publish_modify_publish_gives_v1_and_v2_and_a_redline_of_exactly_the_changed_claim()
    {
        using var kb = new TempContent();
        Approve(kb, TempContent.Osteo);
        Assert.Equal(0, kb.Run("publish", TempContent.Osteo, "--date", "2025-12-02").Code);

        var text = kb.Read(TempContent.Osteo);
        Assert.Contains(OldClaim, text);
        kb.Write(TempContent.Osteo, text.Replace(OldClaim, NewClaim));
        Cycle(kb, TempContent.Osteo, "2025-12-03");
        var (code, output, err) = kb.Run("publish", TempContent.Osteo, "--date", "2025-12-04");
        Assert.True(code == 0, err);
        Assert.Contains("version 2", output);

        var model = Load(kb);
        var revs = model.Archive.Where(a => a.TopicId == TempContent.Osteo).ToList();
        Assert.Equal([1, 2], revs.Select(r => r.Version));
        var red = Redline.Compare(revs[0], revs[1]);
        Assert.Equal((1, 2), (red.FromVersion, red.ToVersion));
        var change = Assert.Single(red.Claims);
        Assert.Empty(red.Nodes);
        Assert.Empty(red.Sections);
        Assert.Equal(ChangeKind.Changed, change.Kind);
        Assert.Equal(("clinician", "section", "Exercise, orthoses and support", "2"), (change.Audience, change.Part, change.Section, change.Position));
        Assert.Equal("Specific spinal orthoses may reduce kyphosis, improve mobility and relieve pain [francis-2008].", change.OldText);
        Assert.Equal([new DiffSegment(SegmentKind.Inserted, "often ")], change.Words.Where(w => w.Kind != SegmentKind.Unchanged));
        Assert.Empty(change.CitationsAdded);
        Assert.False(change.StrengthChanged || change.CertaintyChanged);

        var history = RevisionHistory.For(model, TempContent.Osteo);
        Assert.Equal([1, 2], history.Revisions.Select(r => r.Version));
        Assert.Equal(new RevisionEntry(2, new DateOnly(2025, 12, 4), new DateOnly(2025, 12, 3), "Board chair", "Looks right",
            $"archive/{TempContent.Osteo}/v2.yaml", revs[1].Hash), history.Latest);
    }

    [Fact]
    public void An_unchanged_topic_is_not_published_again_even_after_another_review_round_and_new_comments()
    {
        using var kb = new TempContent();
        Assert.Equal(0, kb.Run("publish", TempContent.Lumbar, "--date", "2025-12-02").Code);
        kb.Write(TempContent.Lumbar, "# one more comment\n" + kb.Read(TempContent.Lumbar).Replace("tags: [spine, pain, osteoporosis]", "tags:   [spine,pain,   osteoporosis]"));
        Cycle(kb, TempContent.Lumbar, "2025-12-03");
        var (code, _, err) = kb.Run("publish", TempContent.Lumbar, "--date", "2025-12-04");
        Assert.Equal(1, code);
        Assert.Contains("unchanged since version 1", err);
        Assert.Single(Directory.GetFileSystemEntries(kb.ArchiveDir(TempContent.Lumbar)));
    }

    [Fact]
    public void A_topic_that_is_not_approved_is_refused()
    {
        using var kb = new TempContent();
        var (code, _, err) = kb.Run("publish", TempContent.Osteo);
        Assert.Equal(1, code);
        Assert.Contains("not approved", err);
        Assert.False(Directory.Exists(kb.ArchiveDir(TempContent.Osteo)));
    }

    [Fact]
    public void A_changed_reference_is_a_new_version()
    {
        using var kb = new TempContent();
        Assert.Equal(WorkflowResult.Done, Publisher.Publish(kb.Dir, TempContent.Lumbar, new DateOnly(2025, 12, 2), Today).Result);
        var refPath = Path.Combine(kb.Dir, "references", "kb-guideline.yaml");
        File.WriteAllText(refPath, File.ReadAllText(refPath).Replace("year: 2025", "year: 2024"));
        var o = Publisher.Publish(kb.Dir, TempContent.Lumbar, new DateOnly(2025, 12, 3), Today);
        Assert.Equal((WorkflowResult.Done, 2), (o.Result, o.Version));
        Assert.Equal(2025, Load(kb).Archive.Single(a => a.Version == 1).References.Single(r => r.Id == "kb-guideline").Year);
    }

    [Theory]
    [InlineData("NSAIDs relieve back pain effectively", "NSAIDs relieve back pain Effectively")]
    [InlineData("version: 1\n", "version: 1 \n")]
    [InlineData("# Published revision", "# published revision")]
    public void A_modified_archive_byte_is_detected_by_check(string from, string to)
    {
        using var kb = new TempContent();
        Assert.Equal(WorkflowResult.Done, Publisher.Publish(kb.Dir, TempContent.Lumbar, new DateOnly(2025, 12, 2), Today).Result);
        var path = Path.Combine(kb.ArchiveDir(TempContent.Lumbar), "v1.yaml");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
        var r = KbLoad.LoadAndValidate(kb.Dir, new ValidationContext(Today));
        Assert.Contains(r.Diagnostics, d => d.Code == "KB7001" && d.IsError);
        var (code, _, err) = kb.Run("check");
        Assert.Equal(1, code);
        Assert.Contains("KB7001", err);
        Assert.Equal(WorkflowResult.Refused, Publisher.Publish(kb.Dir, TempContent.Lumbar, new DateOnly(2025, 12, 2), Today).Result);
    }

    [Fact]
    public void Two_publishes_at_once_never_share_a_version()
    {
        for (var round = 0; round < 8; round++)
        {
            using var kb = new TempContent();
            using var start = new Barrier(2);
            var outcomes = new WorkflowOutcome[2];
            var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                outcomes[i] = Publisher.Publish(kb.Dir, TempContent.Lumbar, new DateOnly(2025, 12, 2), Today);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var files = Directory.GetFileSystemEntries(kb.ArchiveDir(TempContent.Lumbar)).Select(Path.GetFileName).Order().ToList();
            var done = outcomes.Where(o => o.Result == WorkflowResult.Done).ToList();
            // Same content: one version, and the other publish is refused as unchanged.
            Assert.Equal(["v1.yaml"], files);
            Assert.Single(done);
            Assert.Contains(outcomes, o => o.Result == WorkflowResult.Refused && o.Message.Contains("unchanged"));
            Assert.Equal(1, Load(kb).Archive.Count(a => a.TopicId == TempContent.Lumbar));
        }
    }

    [Fact]
    public void Two_processes_publishing_at_once_give_one_version_and_one_refusal()
    {
        using var kb = new TempContent();
        var dll = Support.RepoRoot.KbgenDll;
        var procs = Enumerable.Range(0, 2).Select(_ => System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "publish", TempContent.Lumbar, "--date", "2025-12-02", "--content", kb.Dir },
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!).ToList();
        procs.ForEach(p => p.WaitForExit());
        var codes = procs.Select(p => p.ExitCode).Order().ToList();
        Assert.Equal([0, 1], codes);
        Assert.Equal(["v1.yaml"], Directory.GetFileSystemEntries(kb.ArchiveDir(TempContent.Lumbar)).Select(Path.GetFileName));
    }

    [Fact]
    public void The_canonical_form_of_both_sample_topics_reads_back_to_the_same_model()
    {
        using var kb = new TempContent();
        var model = Load(kb);
        foreach (var t in model.Topics)
        {
            var refs = TopicText.CitedIds(t).Select(id => model.FindReference(id)!).ToList();
            var text = Publisher.ArchiveText(t, refs, 3, new DateOnly(2025, 12, 2));
            var bag = new DiagnosticBag();
            var doc = Loading.Yaml.YamlTreeReader.Read("x.yaml", text, bag);
            var rev = ArchiveReader.Read(doc.Root, new FileContext("x.yaml", text, bag), t.Id, 3);
            Assert.Empty(bag.Sorted());
            Assert.Equal(text, Publisher.ArchiveText(rev!.Topic, rev.References, 3, new DateOnly(2025, 12, 2)));
            Assert.Equal(CanonicalYaml.Substance(t, refs), CanonicalYaml.Substance(rev.Topic, rev.References));
        }
    }

    [Theory]
    [InlineData("plain words")]
    [InlineData("a: b # c, [d] {e}")]
    [InlineData("\"quoted\" and \\ back\\slash")]
    [InlineData("tab\tnew\nline\r and \u2028 \u0007 é – 🙂")]
    [InlineData("yes")]
    [InlineData(" leading and trailing ")]
    [InlineData("- dash")]
    public void Quoted_and_safe_scalars_read_back_exactly(string value)
    {
        foreach (var written in new[] { YamlText.Quoted(value), YamlText.Safe(value) })
        {
            var bag = new DiagnosticBag();
            var doc = Loading.Yaml.YamlTreeReader.Read("x.yaml", $"a: [{{ k: {written} }}]\nb: {written}\n", bag);
            Assert.Empty(bag.Sorted());
            var root = (Loading.Yaml.YMapping)doc.Root!;
            Assert.Equal(value, ((Loading.Yaml.YScalar)root.Get("b")!).Value);
            var flow = (Loading.Yaml.YMapping)((Loading.Yaml.YSequence)root.Get("a")!).Items[0];
            Assert.Equal(value, ((Loading.Yaml.YScalar)flow.Get("k")!).Value);
        }
    }
}
