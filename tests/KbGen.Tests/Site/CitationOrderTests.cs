using KbGen.Publishing;
using AngleSharp.Html.Parser;
using KbGen.Rendering.Html;

namespace KbGen.Tests.Site;

/// <summary>Citation numbers follow the order in which a reader meets them on the page, also where
/// the page's order differs from the file's (algorithm nodes shown grouped by phase).</summary>
public class CitationOrderTests
{
    private static string Reference(string id) => $"""
        id: {id}
        type: guideline
        title: Guideline {id}
        organization: Panel {id}
        year: 2021

        """;

    // Algorithm nodes are shown grouped by phase (AlgorithmOrder), not in file order; the numbering
    // must follow the page, so a reader never meets [3] before [2].
    [Fact]
    public void Algorithm_citations_are_numbered_in_the_order_the_page_shows_them()
    {
        using var tmp = new TempDir("citeorder");
        var content = tmp.Combine("content");
        Support.RepoRoot.CopyTree(Path.Combine(TestPaths.Golden, "small-topic", "content"), content);
        File.WriteAllText(Path.Combine(content, "references", "ref-two.yaml"), Reference("ref-two"));
        File.WriteAllText(Path.Combine(content, "references", "ref-three.yaml"), Reference("ref-three"));
        var topicFile = Path.Combine(content, "topics", "sample-topic.yaml");
        var yaml = File.ReadAllText(topicFile)
            .Replace("text: \"Simple analgesia [@ref-one]\"", "text: \"Simple analgesia [@ref-two]\"")
            // A node with no phase: the page shows it first, under "Throughout".
            .Replace("{ id: done, kind: end, text: Routine follow-up }", "{ id: done, kind: end, text: \"Routine follow-up [@ref-three]\" }");
        File.WriteAllText(topicFile, yaml);

        var report = TestBuild.Run(content, tmp.Combine("output"), Channel.Public);
        Assert.True(report.Succeeded, TestBuild.Describe(report));
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(tmp.Combine("output", "site", "topics", "sample-topic", "index.html")));

        var seen = new List<string>();
        foreach (var a in doc.QuerySelectorAll("sup.cite a"))
        {
            var id = a.GetAttribute("href")!.TrimStart('#');
            if (!seen.Contains(id)) seen.Add(id);
        }
        Assert.Equal(3, seen.Count);
        var numbers = doc.QuerySelectorAll("sup.cite a").GroupBy(a => a.GetAttribute("href")).ToDictionary(g => g.Key!.TrimStart('#'), g => g.First().TextContent);
        // First met, first numbered: the i-th reference a reader meets carries number i.
        Assert.Equal(["1", "2", "3"], seen.Select(id => numbers[id]));
        Assert.Equal(seen, doc.QuerySelectorAll("#references li").Select(li => li.Id));
    }
}
