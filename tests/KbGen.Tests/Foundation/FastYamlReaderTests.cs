using FsCheck;
using FsCheck.Fluent;
using KbGen.Authoring;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Yaml;
using KbGen.Tests.Support;

namespace KbGen.Tests.Foundation;

/// <summary>The fast YAML reader builds exactly YamlDotNet's tree or gives up (see YamlOracle), and
/// it does handle the content we write, so loading is fast in practice.</summary>
public sealed class FastYamlReaderTests
{
    [Fact]
    public void Sample_content_is_read_the_same_and_fast()
    {
        var files = Directory.EnumerateFiles(RepoRoot.SampleContent, "*.yaml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
            Assert.True(YamlOracle.Agrees(Text(file), file), $"the fast reader gave up on {file}");
        foreach (var page in Directory.EnumerateFiles(Path.Combine(RepoRoot.SampleContent, "pages"), "*.md"))
            Assert.True(YamlOracle.Agrees(FrontMatter(Text(page)), page), $"the fast reader gave up on the front matter of {page}");
    }

    [Fact]
    public void Generated_corpus_is_read_the_same_and_fast()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kbgen-fastyaml-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            CorpusGenerator.Write(dir, 40);
            foreach (var file in Directory.EnumerateFiles(dir, "*.yaml", SearchOption.AllDirectories))
                Assert.True(YamlOracle.Agrees(Text(file), file), $"the fast reader gave up on {file}");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Every YAML file and front matter of the bad-input cases, as the loader would read
    /// it (after generate.txt: CRLF, CR, BOM, deep nesting...): the same tree whenever handled.</summary>
    [Fact]
    public void Bad_input_corpus_is_read_the_same_or_left_to_YamlDotNet()
    {
        var work = Path.Combine(Path.GetTempPath(), "kbgen-fastyaml-bad-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            int handled = 0, all = 0;
            foreach (var name in BadInputCase.Names())
            {
                var content = BadInputCase.Materialise(name, Path.Combine(work, name));
                foreach (var file in Directory.EnumerateFiles(content, "*", SearchOption.AllDirectories))
                {
                    var isYaml = file.EndsWith(".yaml", StringComparison.Ordinal);
                    if (!isYaml && !file.EndsWith(".md", StringComparison.Ordinal)) continue;
                    if (SourceFiles.ReadText(file, content, new DiagnosticBag()) is not { } text) continue;
                    if (!isYaml && !text.StartsWith("---\n", StringComparison.Ordinal)) continue;
                    all++;
                    if (YamlOracle.Agrees(isYaml ? text : FrontMatter(text), file)) handled++;
                }
            }
            Assert.True(handled > all / 2, $"the fast reader handled only {handled} of {all} files");
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    [Theory]
    [InlineData("a: &x 1\nb: 2\n")]
    [InlineData("a: 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: !tag 1\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("---\na: 1\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a: 1\n...\n")]
    [InlineData("? a\n: 1\n")]
    [InlineData("a:\n\tb: 1\n")]
    [InlineData("a: x\tb\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a:\n  b: 1\n  b: 2\n")]
    [InlineData("a: {b: 1, b: 2}\n")]
    [InlineData("a: 1\r b: 2\n")]
    [InlineData("\uFEFFa: 1\n")]
    [InlineData("a: \"\\x41\"\n")]
    [InlineData("a: \"\\q\"\n")]
    [InlineData("a: \"unclosed\n")]
    [InlineData("a: [1, 2\n")]
    [InlineData("a: [1,\n  2]\n")]
    [InlineData("a: b: c\n")]
    [InlineData("  a: 1\nb: 2\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text\n")]
    [InlineData("a:\n  - b\n - c\n")]
    [InlineData("a: 1\n  b: 2\n")]
    [InlineData("\n# only a comment\n")]
    public void Gives_up_on(string text) =>
        Assert.Null(FastYamlReader.Read("x.yaml", text));

    [Fact]
    public void Gives_up_on_deep_nesting()
    {
        var deep = string.Concat(Enumerable.Range(0, 60).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 60) + "k: v\n";
        Assert.Null(FastYamlReader.Read("x.yaml", deep));
        Assert.Null(FastYamlReader.Read("x.yaml", "a: " + new string('[', 70) + new string(']', 70) + "\n"));
    }

    /// <summary>YamlDotNet refuses simple keys over 1,024 characters.</summary>
    [Fact]
    public void Gives_up_on_long_keys()
    {
        var key = new string('k', 1100);
        Assert.Null(FastYamlReader.Read("x.yaml", key + ": v\n"));
        Assert.Null(FastYamlReader.Read("x.yaml", "a: {" + key + ": v}\n"));
        Assert.Null(FastYamlReader.Read("x.yaml", "a: {\"" + key + "\": v}\n"));
    }

    [Theory]
    [InlineData("a: b\nc:\n  - x\n  - y\nd:\n- p\n- q\ne: {k: v, \"m\": [1, 2]}\nf:\n")]
    [InlineData("a:\n  - x: 1\n    y: 2\n  - z\n\n# c\n  # d\nb: [1]\n# end\n")]
    [InlineData("a:\n  - [x, y]\n  - [z]\n  - w\n")]
    [InlineData("k: >-\n  text one\n  more\n\nx: y\n")]
    [InlineData("k: |\n  line1\n   line2\n\n  l3\n\n\nx: |+\n  keep\n\ny: >2\n   ind\n")]
    [InlineData("k: plain\n  continued here\n\n  para\nx: y  \n")]
    [InlineData("a: \"x\\ty\\u00e9\\/\\\\ \\\"q\\\"\"\nb: 'it''s'\n")]
    [InlineData("a: \"line one\n  line two\n\n  three  \"\nb: x\n")]
    [InlineData("a: x # c\nb:   # c\nc: 1:2\nd: -1\ne: a#b\n")]
    [InlineData("a: 😀 x\r\nb: [http://x.org, c]\r\nc: |\r\n  one\r\n  two\r\n")]
    [InlineData("a:\n  - text: >-\n      hello\n      world\n    s: x\n  - z")]
    public void Reads_these_like_YamlDotNet(string text) =>
        Assert.True(YamlOracle.Agrees(text), "the fast reader gave up");

    /// <summary>Random documents from a grammar of the forms content uses, with nasty values and
    /// occasional damage: the fast reader agrees with YamlDotNet or gives up, and it handles most
    /// of those that YamlDotNet reads without complaint. FASTYAML_N=100000 runs more of them.</summary>
    [Fact]
    public void Random_documents_are_read_the_same_or_left_to_YamlDotNet()
    {
        int handled = 0, leftValid = 0;
        var property = Prop.ForAll(Arb.From(RandomYaml.Document), text =>
        {
            if (YamlOracle.Agrees(text)) handled++;
            else if (YamlOracle.IsClean(text)) leftValid++;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(int.Parse(Environment.GetEnvironmentVariable("FASTYAML_N") ?? "1500")), property);
        Assert.True(handled >= 0.6 * (handled + leftValid), $"the fast reader handled {handled} random documents and gave up on {leftValid} valid ones");
    }

    /// <summary>The sample topics with a few lines damaged (LoaderPropertyTests' kind of damage):
    /// near misses of real content are read the same or left to YamlDotNet.</summary>
    [Fact]
    public void Damaged_topics_are_read_the_same_or_left_to_YamlDotNet()
    {
        var topics = Directory.EnumerateFiles(Path.Combine(RepoRoot.SampleContent, "topics"), "*.yaml").Select(Text).ToArray();
        var handled = 0;
        var property = Prop.ForAll(Arb.From(Gen.Elements(topics).SelectMany(RandomYaml.Damaged)), text =>
        {
            if (YamlOracle.Agrees(text)) handled++;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(int.Parse(Environment.GetEnvironmentVariable("FASTYAML_N") ?? "1500")), property);
        Assert.True(handled > 0, "the fast reader gave up on every damaged topic");
    }

    private static string Text(string file) => SourceFiles.ReadText(file, Path.GetDirectoryName(file)!, new DiagnosticBag())!;

    /// <summary>A page's front matter as PageReader hands it to the YAML reader.</summary>
    private static string FrontMatter(string text)
    {
        var close = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        return close < 0 ? text : "\n" + text[4..(close + 1)];
    }
}
