using KbGen.Tests.Support;
using Xunit.Abstractions;

namespace KbGen.Tests.Hardening;

/// <summary>The sample knowledge base built once by the real command into out/output: the
/// output every failed build below must leave as it was.</summary>
public sealed class GoodOutputFixture : IDisposable
{
    public GoodOutputFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "kbgen-keep-" + Guid.NewGuid().ToString("N")[..8]);
        Output = Path.Combine(Root, "out", "output");
        using var p = new KbgenProcess("build", "--content", RepoRoot.SampleContent, "--out", Output, "--quiet");
        var exit = p.Wait(TimeSpan.FromSeconds(60));
        if (exit != 0) throw new InvalidOperationException($"sample build exit {exit}:\n" + string.Join("\n", p.Lines));
        Manifest = Hardening.Manifest.Of(Output);
        Target = new FileInfo(Output).LinkTarget;
    }

    public string Root { get; }
    public string Output { get; }
    public string Manifest { get; }
    public string? Target { get; }

    public List<string> Leftovers() => OutputFolders.Leftovers(Output);

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}

/// <summary>`kbgen build` of bad content into the folder of a good build fails with exit 1 and
/// leaves that build byte for byte as it was (same link target, same files, same SHA-256), with
/// no staged `.output-*` folder left behind. Cases from every class of tests/bad-input/.</summary>
public sealed class BadBuildKeepsOutputTests(GoodOutputFixture good, ITestOutputHelper log) : IClassFixture<GoodOutputFixture>
{
    public static TheoryData<string> Cases() => new(
        "yaml-duplicate-key", "yaml-unclosed-bracket", "yaml-invalid-utf8", "yaml-deep-nesting", "yaml-alias",
        "file-50mb", "file-missing-kb", "file-symlink-outside", "file-logo-not-image", "file-font-not-a-font", "file-kb-is-directory",
        "schema-raw-html-script", "schema-javascript-link", "schema-unknown-key", "schema-bidi-override", "schema-invalid-date-feb30",
        "semantic-uncited-claim", "semantic-unknown-reference", "semantic-algorithm-unreachable", "semantic-archive-hash-mismatch",
        "semantic-future-updated");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Failed_build_leaves_the_previous_output(string name)
    {
        var work = Path.Combine(good.Root, "cases", name);
        var content = BadInputCase.Materialise(name, work);
        FailsAndLeavesOutput(name, "build", "--content", content, "--out", good.Output);
        try { Directory.Delete(work, true); } catch (IOException) { }
    }

    /// <summary>The cases above fail in validation, before anything is staged; a template with an
    /// unknown variable fails while the pages are being written into the staging folder.</summary>
    [Fact]
    public void Build_failing_while_rendering_leaves_the_previous_output()
    {
        var templates = Path.Combine(good.Root, "templates");
        Directory.CreateDirectory(templates);
        File.WriteAllText(Path.Combine(templates, "topic.hbs"),
            File.ReadAllText(RepoRoot.Combine("templates", "topic.hbs")) + "\n<p>{{model.noSuchField}}</p>\n");
        FailsAndLeavesOutput("unknown template variable", "build", "--content", RepoRoot.SampleContent, "--out", good.Output, "--templates", templates);
    }

    private void FailsAndLeavesOutput(string name, params string[] args)
    {
        Assert.NotNull(good.Target); // output is the link a build switches
        using var p = new KbgenProcess(args);
        var exit = p.Wait(TimeSpan.FromSeconds(30));
        var lines = p.Lines;
        log.WriteLine($"{name}: exit {exit}; {lines.FirstOrDefault(l => l.Contains(": error KB", StringComparison.Ordinal))}");
        Assert.True(exit == 1, $"{name}: exit {exit}\n{string.Join("\n", lines)}");
        Assert.DoesNotContain(lines, l => l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.Equal(good.Target, new FileInfo(good.Output).LinkTarget);
        var now = Manifest.Of(good.Output);
        Assert.True(now == good.Manifest, $"{name}: the output changed:\n" +
            string.Join("\n", now.Split('\n').Except(good.Manifest.Split('\n')).Concat(good.Manifest.Split('\n').Except(now.Split('\n')).Select(l => "gone: " + l)).Take(10)));
        Assert.Empty(good.Leftovers());
    }
}
