using KbGen.Publishing;
using System.CommandLine;
using KbGen.Building;
using KbGen.Rendering.Html;

namespace KbGen.Cli.Commands;

public static class BuildCommand
{
    public static Command Create()
    {
        var cmd = new Command("build", "Build the site, PDF handouts and charts into the output folder");
        var content = CommonOptions.Content();
        var templates = new Option<string?>("--templates") { Description = "A folder whose templates override the built-in ones by file name" };
        var outDir = new Option<string>("--out") { Description = "Output folder (default: output/)", DefaultValueFactory = _ => "output" };
        var channel = new Option<string>("--channel") { Description = "public: published versions only; preview: every working copy", DefaultValueFactory = _ => "public" };
        channel.AcceptOnlyFromAmong("public", "preview");
        var strict = CommonOptions.WarningsAsErrors();
        var paper = new Option<string[]>("--paper")
        {
            Description = "Chart paper: a4, a3, letter or tabloid (landscape). Repeat it to allow larger sizes in order (default: a4, then a3)",
            AllowMultipleArgumentsPerToken = true,
        };
        paper.AcceptOnlyFromAmong("a4", "a3", "letter", "tabloid");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only diagnostics" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print each stage and its time" };
        // Hidden, for benchmarks and debugging: `--only html` skips handouts and charts, `--only pdf`
        // the site and charts, `--only patient-pdf` also the clinician summaries (to time the handout
        // that scripts/bench.sh times Chromium printing); `--no-cache` renders everything (no reuse
        // from the previous output).
        var only = new Option<string?>("--only") { Hidden = true };
        only.AcceptOnlyFromAmong("html", "pdf", "patient-pdf");
        var noCache = new Option<bool>("--no-cache") { Hidden = true };
        foreach (var o in new Option[] { content, templates, outDir, channel, paper, strict, quiet, verbose, only, noCache }) cmd.Add(o);
        cmd.SetAction(parse =>
        {
            var tdir = parse.GetValue(templates);
            if (tdir is not null && !Directory.Exists(tdir)) throw new UsageException($"templates folder '{tdir}' does not exist");
            var options = new BuildOptions
            {
                ContentDir = parse.GetValue(content)!,
                OutDir = parse.GetValue(outDir)!,
                TemplatesDir = tdir,
                Channel = parse.GetValue(channel) == "preview" ? Channel.Preview : Channel.Public,
                WarningsAsErrors = parse.GetValue(strict),
                Incremental = !parse.GetValue(noCache),
            };
            if (parse.GetValue(only) == "html") options = options with { Handouts = false, Charts = false };
            if (parse.GetValue(only) == "pdf") options = options with { Site = false, Charts = false };
            if (parse.GetValue(only) == "patient-pdf")
                options = options with { Site = false, Charts = false, HandoutAudiences = [Rendering.Handouts.HandoutAudience.Patient] };
            if (parse.GetValue(paper) is { Length: > 0 } papers) options = options with { ChartPapers = papers };
            var output = parse.InvocationConfiguration.Output;
            var isQuiet = parse.GetValue(quiet);
            var progress = new BuildProgress(output, isQuiet, parse.GetValue(verbose));
            BuildReport report;
            using (CollectionBudget.Begin()) report = progress.Run(options);
            CommonOptions.Print(report.Diagnostics, parse.InvocationConfiguration.Error);
            if (parse.GetValue(verbose) && !isQuiet && report.HtmlParts.Count > 0)
                output.WriteLine("html parts (each its own time; they overlap): " + string.Join(", ", report.HtmlParts.Select(p => $"{p.Part} {p.Time.TotalSeconds:0.000} s")));
            if (parse.GetValue(verbose) && !isQuiet)
            {
                output.WriteLine($"garbage collection: {GC.GetTotalPauseDuration().TotalSeconds:0.000} s paused, {GC.CollectionCount(2)} full, {GC.CollectionCount(0)} in all, {GC.GetTotalAllocatedBytes() / (1 << 20)} MB allocated");
                // Code that ReadyToRun did not precompile (generics of other assemblies, templates'
                // compiled expressions), compiled at run time: CPU time summed over threads.
                output.WriteLine($"jit: {System.Runtime.JitInfo.GetCompiledMethodCount()} methods compiled, {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.000} s");
            }
            if (!isQuiet || !report.Succeeded)
                output.WriteLine(report.Succeeded
                    ? $"built {options.OutDir}: {CommonOptions.Count(report.Pages, "page")}, {CommonOptions.Count(report.Pdfs, "PDF")}, {CommonOptions.Count(report.Charts, "chart")}, {CommonOptions.Summary(report.Errors, report.Warnings)} in {report.Elapsed.TotalSeconds:0.00} s"
                    : $"build failed: {CommonOptions.Summary(report.Errors, report.Warnings)}; {options.OutDir} was left as it was");
            return report.Succeeded ? Cli.Ok : Cli.ContentErrors;
        });
        return cmd;
    }
}
