using KbGen.Building;
using KbGen.Cli;

namespace KbGen.Tests.Serve;

/// <summary>`kbgen build` progress: plain lines when not on a terminal, a live table of stages and
/// output counts when it is, nothing with --quiet.</summary>
public sealed class BuildProgressTests
{
    private static BuildOptions Options(TempKb kb) => new()
    {
        ContentDir = kb.Content, OutDir = Path.Combine(kb.Dir, "output"),
        Channel = Publishing.Channel.Preview, Handouts = false, Charts = false,
    };

    [Fact]
    public void Redirected_output_is_one_plain_line_per_stage()
    {
        using var kb = new TempKb();
        var text = new StringWriter();
        var report = new BuildProgress(text, quiet: false, verbose: false).Run(Options(kb));
        Assert.True(report.Succeeded);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(report.Stages.Select(s => s.Stage), lines.Select(l => l[..l.IndexOf(':')]));
        Assert.All(lines, l => Assert.Matches(@"^[a-z]+: \d+\.\d\d s$", l));
        Assert.DoesNotContain('\u001b', text.ToString());
    }

    [Fact]
    public void Quiet_prints_nothing()
    {
        using var kb = new TempKb();
        var text = new StringWriter();
        Assert.True(new BuildProgress(text, quiet: true, verbose: true).Run(Options(kb)).Succeeded);
        Assert.Equal("", text.ToString());
    }

    [Fact]
    public void A_terminal_gets_a_live_table_with_counts_per_output_kind()
    {
        using var kb = new TempKb();
        var text = new StringWriter();
        var report = new BuildProgress(text, quiet: false, verbose: false) { Interactive = true }.Run(Options(kb));
        var shown = text.ToString();
        Assert.Contains("Stage", shown);
        Assert.Contains("html", shown);
        Assert.Contains($"pages {report.Pages}", System.Text.RegularExpressions.Regex.Replace(shown, "\u001b\\[[0-9;?]*[A-Za-z]", ""));
        Assert.Contains("PDFs", shown);
        Assert.Contains("charts", shown);
    }

    [Fact]
    public void Build_command_through_a_pipe_ends_with_the_summary_line()
    {
        using var kb = new TempKb();
        var stdout = new StringWriter();
        var code = Cli.Cli.Run(["build", "--content", kb.Content, "--out", Path.Combine(kb.Dir, "out"), "--channel", "preview"], stdout, new StringWriter());
        Assert.Equal(0, code);
        var lines = stdout.ToString().TrimEnd().Split('\n');
        Assert.StartsWith("load: ", lines[0]);
        Assert.Matches(@"^built .*: \d+ pages?, \d+ PDFs?, \d+ charts?, 0 errors, \d+ warnings? in \d+\.\d\d s$", lines[^1].TrimEnd('\r'));
    }
}
