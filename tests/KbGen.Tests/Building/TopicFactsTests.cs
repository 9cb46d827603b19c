using KbGen.Authoring;
using KbGen.Building;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Cache;
using KbGen.Model;
using KbGen.Output;
using KbGen.Publishing;
using KbGen.Tests.Site;

namespace KbGen.Tests.Building;

/// <summary>`kbgen build` keeps each topic's per-topic checks and listing between builds: they are
/// used only for exactly the topic file they were worked out from and the context they hold for,
/// and a damaged file is never trusted.</summary>
public sealed class TopicFactsTests : IDisposable
{
    private readonly TempDir _tmp = new("facts");
    private string Content => _tmp.Combine("content");
    private string Out => _tmp.Combine("output");

    public TopicFactsTests() => CorpusGenerator.Write(Content, 5);

    public void Dispose() => _tmp.Dispose();

    private BuildReport Build(DateOnly today)
    {
        var report = SiteBuild.Run(new BuildOptions { ContentDir = Content, OutDir = Out, Channel = Channel.Preview, Today = today, Timestamp = DateTimeOffset.UnixEpoch });
        Assert.True(report.Succeeded, TestBuild.Describe(report));
        return report;
    }

    /// <summary>How many topics a fresh process would be handed kept facts for.</summary>
    private int Seeded()
    {
        var parsed = new ParseCache(new ModelStore(BuildCache.ModelDir(Out)));
        var kb = ContentLoader.Load(Content, new DiagnosticBag(), parsed)!;
        var facts = TopicFacts.Open(Out, parsed);
        facts.Seed(kb);
        return facts.Seeded;
    }

    private static readonly DateOnly Soon = new(2026, 1, 15), Late = new(2036, 1, 1); // reviews due in 2035

    [Fact]
    public void Facts_are_kept_per_topic_file_and_an_edit_drops_only_that_topics()
    {
        Build(Soon);
        Assert.True(File.Exists(TopicFacts.PathFor(Out)));
        Assert.Equal(5, Seeded());
        var path = Path.Combine(Content, "topics/topic-00002.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("title: Generated topic 2", "title: Generated topic two"));
        Assert.Equal(4, Seeded());
        Build(Soon);
        Assert.Equal(5, Seeded());
    }

    [Fact]
    public void Kept_checks_give_the_same_diagnostics_and_a_new_context_checks_again()
    {
        var first = Build(Late);
        var due = first.Diagnostics.Where(d => d.Message.Contains("review was due", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, due.Count);
        // The same build again, every topic's checks from the file: the same diagnostics, in order.
        Assert.Equal(first.Diagnostics, Build(Late).Diagnostics);
        // Another date is another context: the kept checks do not hold, and none are due.
        Assert.DoesNotContain(Build(Soon).Diagnostics, d => d.Message.Contains("review was due", StringComparison.Ordinal));
        Assert.Equal(first.Diagnostics, Build(Late).Diagnostics);
    }

    public static TheoryData<string> Damage => new() { "flipped byte", "truncated", "empty", "other version", "garbage" };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_or_foreign_facts_file_is_ignored(string damage)
    {
        var first = Build(Late);
        var path = TopicFacts.PathFor(Out);
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flipped byte": bytes[bytes.Length / 2] ^= 0x40; break;
            case "truncated": bytes = bytes[..(bytes.Length / 2)]; break;
            case "empty": bytes = []; break;
            case "other version": bytes = [.. "kbgen-facts 1 another-version\n"u8, .. bytes[(Array.IndexOf(bytes, (byte)'\n') + 1)..]]; break;
            case "garbage": bytes = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))]; break;
        }
        File.WriteAllBytes(path, bytes);
        Assert.Equal(0, Seeded());
        var again = Build(Late);
        Assert.Equal(first.Diagnostics, again.Diagnostics);
        Assert.Equal(5, Seeded()); // and the build wrote it anew
    }
}
