using KbGen.Tests.Support;
using KbGen.Publishing;
using System.Security.Cryptography;
using KbGen.Rendering.Html;

namespace KbGen.Tests.Site;

/// <summary>What a build does with templates and with its previous output.</summary>
public class BuildBehaviourTests
{
    private static Dictionary<string, string> Snapshot(string outDir)
    {
        var site = Path.Combine(outDir, "site");
        return TestPaths.Files(site).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(site, f)))));
    }

    public static TheoryData<string, string> BrokenTemplates => new()
    {
        { "topic.hbs", "{{#with model}}<h1>{{question}}</h1>\n<p>{{unknownVariable}}</p>{{/with}}\n" },
        { "topic.hbs", "{{#with model}}<h1>{{question}}</h1>{{> no-such-partial}}{{/with}}\n" },
        { "partials/claims.hbs", "{{#each this}}<li>{{{html}}} {{bogusField}}</li>{{/each}}\n" },
        { "layout.hbs", "<!DOCTYPE html><html><body>{{#if page.title}}{{{bodyHtml}}}</body></html>\n" },
    };

    public static TheoryData<string, string[], string[]> Layouts => new()
    {
        // The page is spliced in place of the one marker the layout writes...
        { "<main>{{{bodyHtml}}}</main>", ["<main><article class=\"topic\""], [] },
        // ...and any other layout is rendered with the page itself: twice, escaped, or tested.
        { "<main>{{{bodyHtml}}}</main><aside>{{{bodyHtml}}}</aside>", ["<main><article class=\"topic\"", "<aside><article class=\"topic\""], [] },
        { "<main>{{bodyHtml}}</main>", ["<main>&lt;article class&#x3D;&quot;topic&quot;"], ["<article"] },
        { "{{#if bodyHtml}}<main>{{{bodyHtml}}}</main>{{/if}}", ["<main><article class=\"topic\""], [] },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_layout_gets_the_page_as_written_however_it_uses_it(string layout, string[] expected, string[] absent)
    {
        using var tmp = new TempDir("layout");
        var templates = tmp.Combine("templates");
        Directory.CreateDirectory(templates);
        File.WriteAllText(Path.Combine(templates, "layout.hbs"), layout);
        var report = TestBuild.Run(TestPaths.Content, tmp.Combine("output"), Channel.Preview, templatesDir: templates);
        Assert.True(report.Succeeded, TestBuild.Describe(report));
        var topics = Directory.GetFiles(tmp.Combine("output", "site", "topics"), "index.html", SearchOption.AllDirectories);
        Assert.NotEmpty(topics);
        foreach (var html in topics.Select(File.ReadAllText))
        {
            Assert.DoesNotContain(PageBuffer.Marker, html);
            foreach (var e in expected) Assert.Contains(e, html);
            foreach (var a in absent) Assert.DoesNotContain(a, html);
        }
    }

    [Theory]
    [MemberData(nameof(BrokenTemplates))]
    public void A_template_error_fails_the_build_with_KB9101_and_keeps_the_previous_output(string name, string text)
    {
        using var tmp = new TempDir("tplerr");
        var outDir = tmp.Combine("output");
        var good = TestBuild.Run(TestPaths.Content, outDir, Channel.Preview);
        Assert.True(good.Succeeded, TestBuild.Describe(good));
        var before = Snapshot(outDir);
        var linkBefore = new FileInfo(outDir).LinkTarget;

        var templates = tmp.Combine("templates");
        var file = Path.Combine(templates, name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        var bad = TestBuild.Run(TestPaths.Content, outDir, Channel.Preview, templatesDir: templates);

        Assert.False(bad.Succeeded);
        var error = Assert.Single(bad.Diagnostics.Where(d => d.IsError).DistinctBy(d => (d.Code, d.Span.File)));
        Assert.Equal("KB9101", error.Code);
        Assert.Equal(Path.GetFullPath(file), Path.GetFullPath(error.Span.File));
        Assert.Equal(linkBefore, new FileInfo(outDir).LinkTarget);
        Assert.Equal(before, Snapshot(outDir));
        // Nothing beside the live output but its spare, which the next build brings up to date.
        Assert.Empty(OutputFolders.Leftovers(outDir));
    }

    [Fact]
    public void A_templates_folder_overrides_files_by_name_and_keeps_the_rest_built_in()
    {
        using var tmp = new TempDir("tplovr");
        var templates = tmp.Combine("templates");
        Directory.CreateDirectory(Path.Combine(templates, "assets"));
        File.WriteAllText(Path.Combine(templates, "page.hbs"), "<article class=\"custom-page\">\n<h1>{{model.title}}</h1>\n{{{model.bodyHtml}}}\n</article>\n");
        File.WriteAllText(Path.Combine(templates, "assets", "site.css"), "/* custom */ body { color: #000; }\n");
        var report = TestBuild.Run(TestPaths.Content, tmp.Combine("output"), Channel.Public, templatesDir: templates);
        Assert.True(report.Succeeded, TestBuild.Describe(report));

        var site = tmp.Combine("output", "site");
        var page = File.ReadAllText(Path.Combine(site, "pages", "disclaimer", "index.html"));
        Assert.Contains("<article class=\"custom-page\">", page);
        Assert.Contains("<h1>Disclaimer</h1>", page);
        Assert.Contains("<!DOCTYPE html>", page); // the built-in layout still wraps it
        Assert.Equal("/* custom */ body { color: #000; }\n", File.ReadAllText(Path.Combine(site, "assets", "site.css")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.Templates, "assets", "site.js")), File.ReadAllBytes(Path.Combine(site, "assets", "site.js")));
        var topic = File.ReadAllText(Path.Combine(site, "topics", SampleSiteFixture.ApprovedTopic, "index.html"));
        Assert.Contains("class=\"topic\"", topic);
        Assert.DoesNotContain("custom-page", topic);
    }

    [Theory]
    [InlineData(Channel.Public)]
    [InlineData(Channel.Preview)]
    public void The_same_content_built_twice_gives_byte_identical_files(Channel channel)
    {
        using var tmp = new TempDir("determ");
        var a = TestBuild.Run(TestPaths.Content, tmp.Combine("a", "output"), channel);
        var b = TestBuild.Run(TestPaths.Content, tmp.Combine("b", "output"), channel);
        Assert.True(a.Succeeded && b.Succeeded);
        var first = Snapshot(tmp.Combine("a", "output"));
        Assert.NotEmpty(first);
        Assert.Equal(first, Snapshot(tmp.Combine("b", "output")));
    }
}
