using System.Reflection;
using System.Text.Json;
using KbGen.Authoring;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Cache;
using KbGen.Model;
using KbGen.Tests.Support;
using KbGen.Validation;

namespace KbGen.Tests.Building;

/// <summary>`kbgen build` keeps parsed topics and references on disk: a model read back from the
/// store is the model a fresh parse gives (positions included), and a bad entry is never trusted.</summary>
public sealed class ModelStoreTests
{
    private static JsonSerializerOptions Deep { get; } = new() { WriteIndented = true, IncludeFields = false, MaxDepth = 256 };

    /// <summary>Every public property of the whole model, citations' positions included.</summary>
    private static string Dump(KnowledgeBase kb) =>
        JsonSerializer.Serialize(new { kb.Topics, kb.References }, Deep) +
        string.Join("\n", kb.Topics.SelectMany(ClaimWalk.AllText).Select(m => m.PlainCache ?? KbGen.Loading.Markdown.PlainText.Of(m)));

    private static (KnowledgeBase Kb, IReadOnlyList<Diagnostic> Diagnostics, ModelStore Store) Load(string content, string? storeDir)
    {
        var store = storeDir is null ? null : new ModelStore(storeDir);
        var bag = new DiagnosticBag();
        var kb = ContentLoader.Load(content, bag, store is null ? null : new ParseCache(store))!;
        Validator.Validate(kb, ContentTree.Context, bag);
        return (kb, bag.Sorted(), store!);
    }

    public static TheoryData<string> Contents => new() { "sample", "corpus" };

    [Theory]
    [MemberData(nameof(Contents))]
    public void A_model_read_back_from_the_store_equals_a_fresh_parse(string which)
    {
        using var tmp = new KbGen.Tests.Site.TempDir("store");
        var content = tmp.Combine("content");
        if (which == "sample") RepoRoot.CopyTree(RepoRoot.SampleContent, content);
        else CorpusGenerator.Write(content, 4);
        var storeDir = tmp.Combine("store");

        var fresh = Load(content, null);
        var writing = Load(content, storeDir);
        Assert.Equal(0, writing.Store.Hits);
        var reading = Load(content, storeDir);
        Assert.Equal(fresh.Kb.Topics.Count + fresh.Kb.References.Count, reading.Store.Hits);
        Assert.Equal(0, reading.Store.Misses);

        Assert.Equal(Dump(fresh.Kb), Dump(reading.Kb));
        Assert.Equal(fresh.Diagnostics, reading.Diagnostics);
    }

    [Fact]
    public void A_stored_topics_body_is_decoded_only_when_first_used_and_then_equals_a_fresh_parse()
    {
        using var tmp = new KbGen.Tests.Site.TempDir("store");
        var content = tmp.Combine("content");
        CorpusGenerator.Write(content, 3);
        var storeDir = tmp.Combine("store");
        var fresh = Load(content, null).Kb;
        Load(content, storeDir);

        // Loaded, not validated: every body is still bytes, yet whether it has an algorithm is known.
        var kb = ContentLoader.Load(content, new DiagnosticBag(), new ParseCache(new ModelStore(storeDir)))!;
        Assert.All(kb.Topics, t => Assert.False(t.BodyDecoded));
        Assert.Equal(fresh.Topics.Select(t => t.Algorithm is not null), kb.Topics.Select(t => t.HasAlgorithm));
        Assert.All(kb.Topics, t => Assert.False(t.BodyDecoded));

        var first = kb.Topics[0];
        Assert.Equal(fresh.Topics[0].Pitfalls.Count, first.Pitfalls.Count);
        Assert.True(first.BodyDecoded);
        Assert.False(kb.Topics[1].BodyDecoded);

        // A copy with one body part replaced keeps the others (the deferred body is decoded first).
        var second = kb.Topics[1] with { Pitfalls = [] };
        Assert.Empty(second.Pitfalls);
        Assert.Same(kb.Topics[1].Clinician, second.Clinician);
        Assert.Equal(fresh.Topics[1].Algorithm!.Nodes.Count, second.Algorithm!.Nodes.Count);

        Assert.Equal(Dump(fresh), Dump(kb));
    }

    [Fact]
    public void Positions_inside_a_stored_field_are_exact_when_a_diagnostic_needs_them()
    {
        // The citation sits on the third line of a folded paragraph; the reference it names is
        // removed after the topic was stored, so the position must come from the stored field.
        using var tree = ContentTree.Valid().With("references/ref-b.yaml", ContentTree.RefA.Replace("id: ref-a", "id: ref-b"))
            .With("topics/topic-a.yaml", ContentTree.TopicA.Replace(
                "summary: Rest helps for a short time [@ref-a].",
                "summary: >-\n  Rest helps\n  for a \"short\" time\n  and then    less [@ref-a; @ref-b].")
                .Replace("- text: Short rest helps [@ref-a].", "- text: Short rest helps [@ref-a]. Also [@ref-b]."));
        var storeDir = Path.Combine(tree.Root, "store");
        Load(tree.Content, storeDir);
        tree.Without("references/ref-b.yaml");

        var fresh = Load(tree.Content, null).Diagnostics;
        var stored = Load(tree.Content, storeDir);
        Assert.True(stored.Store.Hits >= 1);
        var unknown = stored.Diagnostics.Where(d => d.Code == "KB3001").ToList();
        Assert.Equal(2, unknown.Count);
        Assert.Equal(fresh, stored.Diagnostics);
        Assert.Contains(unknown, d => d.Span.Line == 13 && d.Span.Column == 20);
    }

    [Fact]
    public void A_stored_field_whose_file_changed_since_falls_back_to_the_field_start()
    {
        using var tree = ContentTree.Valid();
        var storeDir = Path.Combine(tree.Root, "store");
        var (kb, _, _) = Load(tree.Content, storeDir);
        var again = Load(tree.Content, storeDir).Kb;
        var summary = again.Topics[0].Summary;
        // Edit the file after it was read from the store, before any position was asked for.
        var path = tree.PathOf("topics/topic-a.yaml");
        File.WriteAllText(path, "\n\n\n" + File.ReadAllText(path));
        Assert.Equal(summary.Span, summary.Citations[0].Span);
        Assert.NotEqual(kb.Topics[0].Summary.Span, kb.Topics[0].Summary.Citations[0].Span);
    }

    public static TheoryData<string> Damage => new() { "flip", "truncate", "empty", "garbage", "other-key" };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_entry_is_ignored_removed_and_written_again(string how)
    {
        using var tree = ContentTree.Valid();
        var storeDir = Path.Combine(tree.Root, "store");
        var fresh = Load(tree.Content, null);
        Load(tree.Content, storeDir);
        var entries = Directory.GetFiles(storeDir, "*.bin", SearchOption.AllDirectories);
        Assert.Equal(2, entries.Length);
        foreach (var e in entries)
        {
            var bytes = File.ReadAllBytes(e);
            switch (how)
            {
                case "flip": bytes[bytes.Length / 2] ^= 0x01; File.WriteAllBytes(e, bytes); break;
                case "truncate": File.WriteAllBytes(e, bytes[..(bytes.Length - 40)]); break;
                case "empty": File.WriteAllBytes(e, []); break;
                case "garbage": File.WriteAllBytes(e, new byte[bytes.Length]); break;
                // A well-formed entry of another file put in this one's place.
                default: File.Copy(entries.Single(x => x != e), e + ".x"); File.Move(e + ".x", e, true); break;
            }
            if (how == "other-key") break;
        }

        var damaged = Load(tree.Content, storeDir);
        Assert.True(damaged.Store.Rejected >= 1);
        Assert.Equal(Dump(fresh.Kb), Dump(damaged.Kb));
        Assert.Equal(fresh.Diagnostics, damaged.Diagnostics);
        var healed = Load(tree.Content, storeDir);
        Assert.Equal(2, healed.Store.Hits);
    }

    [Fact]
    public void Prune_keeps_only_the_entries_of_the_files_read()
    {
        using var tree = ContentTree.Valid();
        var storeDir = Path.Combine(tree.Root, "store");
        Load(tree.Content, storeDir);
        tree.With("topics/topic-a.yaml", ContentTree.TopicA.Replace("Topic A", "Topic A, edited"));
        var second = Load(tree.Content, storeDir);
        Assert.Equal(3, Directory.GetFiles(storeDir, "*.bin", SearchOption.AllDirectories).Length);
        second.Store.Prune();
        Assert.Equal(2, Directory.GetFiles(storeDir, "*", SearchOption.AllDirectories).Length);
        Assert.Equal(2, Load(tree.Content, storeDir).Store.Hits);
    }

    [Fact]
    public void A_file_with_an_error_is_not_stored()
    {
        using var tree = ContentTree.Valid().With("topics/topic-a.yaml", ContentTree.TopicA.Replace("title: Topic A", "titel: Topic A"));
        var storeDir = Path.Combine(tree.Root, "store");
        Load(tree.Content, storeDir);
        var again = Load(tree.Content, storeDir);
        Assert.Equal(1, again.Store.Hits); // the reference only
        Assert.Contains(again.Diagnostics, d => d.Code == "KB2001");
    }

    /// <summary>The codec writes each property by hand. A property added to the model must be
    /// added to <see cref="ModelCodec"/> (and its format version raised) before this passes.</summary>
    [Fact]
    public void The_codec_knows_every_model_property()
    {
        var known = new Dictionary<Type, string>
        {
            // (BodyDecoded, HasAlgorithm and Later are how a body is deferred, not content.)
            [typeof(Topic)] = "Algorithm BodyDecoded Clinician FilePath HasAlgorithm Id Later Patient Pitfalls Question Review Span Summary Tags Title Updated UpdatedSpan",
            [typeof(TopicBody)] = "Algorithm Clinician Patient Pitfalls",
            [typeof(Review)] = "History LastApproval Span Status",
            [typeof(ReviewStep)] = "By Date Note Span Status",
            [typeof(AudienceText)] = "RedFlags Sections Span Summary",
            [typeof(Section)] = "Items Span Title",
            [typeof(Claim)] = "Certainty Items Span Strength Text",
            [typeof(MarkdownText)] = "Citations IsEmpty Map MapEnd MapStart PlainCache Source Span",
            [typeof(Citation)] = "Offset ReferenceId Span",
            [typeof(Algorithm)] = "Nodes Phases Span Start StartSpan Title",
            [typeof(Phase)] = "Caption Id Label Span Window",
            [typeof(AlgorithmNode)] = "Branches Edges Id Kind Next Phase Span Text",
            [typeof(Branch)] = "Label Next Span",
            [typeof(Reference)] = "Abstract Authors Doi Epub EpubSpan Id Issue Journal Month Organization Pages Pmid Span Title Type Url Volume Year YearSpan",
            [typeof(SourceSpan)] = "Column File IsKnown Line",
        };
        foreach (var (type, names) in known)
        {
            var actual = string.Join(" ", type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(p => p.Name != "EqualityContract").Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.True(names == actual, $"{type.Name} has properties '{actual}'; the codec was written for '{names}'");
        }
    }
}
