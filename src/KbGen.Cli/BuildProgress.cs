using KbGen.Building;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KbGen.Cli;

/// <summary>Shows a build's progress. On a terminal (output not redirected, not CI, TERM not
/// dumb): a live Spectre.Console table of the stages with their times and the counts per output
/// kind (pages, PDFs, charts). Elsewhere (pipes, CI, tests): one plain line per stage. --quiet
/// shows nothing; the caller prints diagnostics and the summary line either way.</summary>
public sealed class BuildProgress(TextWriter output, bool quiet, bool verbose)
{
    /// <summary>Forces the live display on or off; null decides from the environment.</summary>
    public bool? Interactive { get; init; }

    public bool Verbose => verbose;

    public BuildReport Run(BuildOptions options)
    {
        if (quiet) return SiteBuild.Run(options);
        if (Interactive ?? IsInteractiveTerminal(output)) return RunLive(options);
        return SiteBuild.Run(options, line => output.WriteLine(line));
    }

    /// <summary>True when <paramref name="output"/> is the console's own output, attached to a
    /// terminal, outside CI.</summary>
    public static bool IsInteractiveTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && !IsCi()
        && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    public static bool IsCi()
    {
        foreach (var name in new[] { "CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TEAMCITY_VERSION" })
        {
            var v = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(v) && !v.Equals("false", StringComparison.OrdinalIgnoreCase) && v != "0") return true;
        }
        return false;
    }

    private BuildReport RunLive(BuildOptions options)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
        });
        var stages = new List<(string Name, string Time)>();
        BuildReport? report = null;
        console.Live(Render(stages, null, options)).AutoClear(false).Start(ctx =>
        {
            report = SiteBuild.Run(options, line =>
            {
                var at = line.LastIndexOf(": ", StringComparison.Ordinal);
                stages.Add(at > 0 ? (line[..at], line[(at + 2)..]) : (line, ""));
                ctx.UpdateTarget(Render(stages, null, options));
            });
            ctx.UpdateTarget(Render(stages, report, options));
        });
        return report!;
    }

    private static IRenderable Render(List<(string Name, string Time)> stages, BuildReport? report, BuildOptions options)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"kbgen build [grey]{Markup.Escape(options.ContentDir)} → {Markup.Escape(options.OutDir)}[/]");
        table.AddColumn("Stage");
        table.AddColumn(new TableColumn("Time").RightAligned());
        foreach (var (name, time) in stages) table.AddRow(Markup.Escape(name), Markup.Escape(time));
        if (report is null) table.AddRow("[yellow]working…[/]", "");

        string Count(int n) => report is null ? "[grey]…[/]" : report.Succeeded ? $"[bold]{n}[/]" : "[grey]0[/]";
        var counts = new Grid().AddColumn().AddColumn().AddColumn().AddColumn();
        counts.AddRow("[grey]outputs[/]", $"pages {Count(report?.Pages ?? 0)}", $"PDFs {Count(report?.Pdfs ?? 0)}", $"charts {Count(report?.Charts ?? 0)}");
        var status = report is null ? new Markup("[yellow]building…[/]")
            : report.Succeeded ? new Markup($"[green]done[/] in {report.Elapsed.TotalSeconds:0.00} s")
            : new Markup($"[red]failed[/]: {report.Errors} error(s)");
        return new Rows(table, counts, status);
    }
}
