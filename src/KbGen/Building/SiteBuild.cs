using System.Diagnostics;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Model;
using KbGen.Output;
using KbGen.Rendering.Html;
using KbGen.Validation;

namespace KbGen.Building;

/// <summary>`kbgen build`: load → validate → render → write, all into a staged folder that is
/// switched in only when everything succeeded. Any error leaves the previous output untouched.</summary>
public static class SiteBuild
{
    public static BuildReport Run(BuildOptions options, Action<string>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var stages = new List<(string, TimeSpan)>();
        var diagnostics = new DiagnosticBag();
        var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);

        T Stage<T>(string name, Func<T> work)
        {
            var sw = Stopwatch.StartNew();
            var result = work();
            stages.Add((name, sw.Elapsed));
            progress?.Invoke($"{name}: {sw.Elapsed.TotalSeconds:0.00} s");
            return result;
        }

        var kb = Stage("load", () => ContentLoader.Load(options.ContentDir, diagnostics));
        if (kb is not null) Stage("validate", () => { Validator.Validate(kb, new ValidationContext(today), diagnostics); return 0; });
        if (kb is null || Failed(diagnostics, options))
            return Report(false, diagnostics, options, 0, 0, 0, stages, clock);

        var timestamp = options.Timestamp ?? BuildOptions.SourceDateEpoch() ?? NewestDate(kb);
        var templates = new TemplateSet(TemplateSet.LocateBuiltIn(), options.TemplatesDir, diagnostics);
        var shown = ChannelSelection.Select(kb, options.Channel);
        var site = new SiteContext(kb, options.Channel, shown, r => ReferenceHtml.Format(r, kb.Settings.CitationStyle),
            null, timestamp) { Today = today };

        using var output = StagedOutput.Begin(options.OutDir);
        var renderer = new SiteRenderer(site, templates, diagnostics);
        if (options.Site) Stage("html", () => { renderer.RenderAll(output, options.MaxParallelism); return 0; });
        var pdfs = options.Handouts ? Stage("pdf", () => HandoutStage.Run(kb, shown, options.Channel, timestamp, output, options.MaxParallelism)) : 0;
        if (Failed(diagnostics, options))
            return Report(false, diagnostics, options, 0, 0, 0, stages, clock);

        Stage("switch", () => { output.Commit(); return 0; });
        return Report(true, diagnostics, options, renderer.PagesWritten, pdfs, 0, stages, clock);
    }

    private static bool Failed(DiagnosticBag d, BuildOptions o) => d.HasErrors || (o.WarningsAsErrors && d.Count > 0);

    private static BuildReport Report(bool ok, DiagnosticBag d, BuildOptions o, int pages, int pdfs, int charts, List<(string, TimeSpan)> stages, Stopwatch clock)
    {
        var list = d.Sorted();
        if (o.WarningsAsErrors) list = DiagnosticBag.Promote(list);
        return new BuildReport(ok, list, pages, pdfs, charts, stages, clock.Elapsed);
    }

    /// <summary>The newest date the content states: a deterministic stand-in for "now".</summary>
    public static DateTimeOffset NewestDate(KnowledgeBase kb)
    {
        var dates = kb.Topics.Select(t => t.Updated)
            .Concat(kb.Topics.SelectMany(t => t.Review.History.Select(h => h.Date)))
            .Concat(kb.Archive.Select(a => a.Published));
        var max = dates.DefaultIfEmpty(new DateOnly(2000, 1, 1)).Max();
        return new DateTimeOffset(max.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }
}
