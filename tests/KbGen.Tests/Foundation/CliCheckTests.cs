using KbGen.Tests.Support;

namespace KbGen.Tests.Foundation;

/// <summary>`kbgen check` exit codes and output: 0 clean, 1 content errors, 2 usage; never a stack trace.</summary>
public sealed class CliCheckTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var exit = KbGen.Cli.Cli.Run(args, o, e);
        return (exit, o.ToString(), e.ToString());
    }

    [Fact]
    public void Clean_content_exits_0()
    {
        using var tree = ContentTree.Valid();
        var (exit, stdout, stderr) = Run("check", "--content", tree.Content);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("check: 0 errors, 0 warnings", stdout);
    }

    [Fact]
    public void Content_errors_exit_1_with_one_line_each_and_no_stack_trace()
    {
        using var tree = ContentTree.Valid()
            .With("topics/b.yaml", "id: b\ntags: [spine\n")
            .With("topics/c.yaml", "id: c\ntags: " + new string('[', 10_000) + "\n")
            .WithBytes("topics/d.yaml", [0x69, 0x64, 0x3A, 0x20, 0xFF, 0x0A]);
        var (exit, stdout, stderr) = Run("check", "--content", tree.Content);
        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches(@"^.+\(\d+,\d+\): (error|warning) KB\d{4}: .+$", l.TrimEnd('\r')));
        Assert.Contains(lines, l => l.Contains("b.yaml(2,7): error KB1001"));
        Assert.Contains(lines, l => l.Contains("c.yaml(2,71): error KB1005"));
        Assert.Contains(lines, l => l.Contains("d.yaml(1,5): error KB1006"));
        Assert.Contains("3 errors", stdout);
    }

    [Theory]
    [InlineData("check", "--no-such-option")]
    [InlineData("check", "--content")]
    [InlineData("chekc")]
    [InlineData("check", "extra-argument")]
    public void Bad_usage_exits_2(params string[] args)
    {
        var (exit, _, stderr) = Run(args);
        Assert.Equal(2, exit);
        Assert.DoesNotContain("   at ", stderr);
        Assert.NotEqual("", stderr.Trim());
    }

    [Fact]
    public void Missing_content_folder_is_a_content_error()
    {
        var (exit, _, stderr) = Run("check", "--content", Path.Combine(Path.GetTempPath(), "kbgen-no-such-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(1, exit);
        Assert.Contains("KB1010", stderr);
    }

    [Fact]
    public void Warnings_as_errors_turns_a_warning_into_exit_1()
    {
        using var tree = ContentTree.Valid().With("references/orphan.yaml", ContentTree.RefA.Replace("id: ref-a", "id: orphan"));
        var (exit, stdout, stderr) = Run("check", "--content", tree.Content);
        Assert.Equal(0, exit);
        Assert.Contains("warning KB3002", stderr);
        Assert.Contains("0 errors, 1 warning", stdout);

        (exit, stdout, stderr) = Run("check", "--content", tree.Content, "--warnings-as-errors");
        Assert.Equal(1, exit);
        Assert.Contains("error KB3002", stderr);
        Assert.Contains("1 error, 0 warnings", stdout);
    }

    [Fact]
    public void Sample_content_has_no_errors()
    {
        var (exit, stdout, stderr) = Run("check", "--content", RepoRoot.SampleContent);
        Assert.Equal(0, exit);
        Assert.DoesNotContain(": error ", stderr);
        Assert.Contains("check: 0 errors", stdout);
    }
}
