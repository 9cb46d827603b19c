using System.Diagnostics;
using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Loading.Cache;
using KbGen.Model;
using KbGen.Output;
using KbGen.Rendering.Html;
using KbGen.Validation;

namespace KbGen.Building;

/// <summary>`kbgen build`: load → validate → render → write, all into the spare output folder, which is
/// switched in only when everything succeeded. Any error leaves the previous output untouched.</summary>
public static class SiteBuild
{
    public static BuildReport Run(BuildOptions options, Action<string>? progress = null) => new BuildRun(options, progress).Execute();

    /// <summary>The newest date the content states: a deterministic stand-in for "now".</summary>
    public static DateTimeOffset NewestDate(KnowledgeBase kb)
    {
        var dates = kb.Topics.Select(t => t.Updated)
            .Concat(kb.Topics.SelectMany(t => t.Review.History.Select(h => h.Date)))
            .Concat(kb.Archive.Select(a => a.Published));
        var max = dates.DefaultIfEmpty(new DateOnly(2000, 1, 1)).Max();
        return new DateTimeOffset(max.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private sealed class BuildRun(BuildOptions options, Action<string>? progress)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(string, TimeSpan)> _stages = [];
        private readonly DiagnosticBag _diagnostics = new();
        private int _pages, _pdfs, _charts;
        private IReadOnlyList<string> _reused = [];
        private string? _cacheRejected;
        private ParseCache? _parsed;
        private IReadOnlyList<(string, TimeSpan)> _htmlParts = [];
        private readonly List<Task> _background = [];

        public BuildReport Execute()
        {
            BuildLock buildLock;
            try { buildLock = BuildLock.Acquire(options.OutDir, progress); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _diagnostics.Add(DiagnosticCodes.OutputFailed, SourceSpan.FileStart(options.OutDir), $"cannot lock the output for this build: {ex.Message}");
                return Report(false);
            }
            // Templates do not depend on the content: they compile on another core while it loads.
            var templateBag = new DiagnosticBag();
            var templates = options.Site ? Task.Run(() => options.Templates?.Get(TemplateSet.LocateBuiltIn(), options.TemplatesDir, templateBag)
                ?? new TemplateSet(TemplateSet.LocateBuiltIn(), options.TemplatesDir, templateBag)) : null;
            if (templates is not null) _background.Add(templates);
            try
            {
                using (buildLock) return Locked(templates, templateBag);
            }
            finally
            {
                // A build that stops early leaves no work running behind it. (What failed in the
                // background fails again, reported, where the build needs it.)
                foreach (var task in _background)
                    try { task.Wait(); } catch (AggregateException) { }
            }
        }

        private BuildReport Locked(Task<TemplateSet>? compiling, DiagnosticBag templateDiagnostics)
        {
            var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
            // kbgen build keeps parsed files in `.kbgen-cache/` (serve keeps its own in memory).
            _parsed = options.ParseCache ?? (options.Incremental
                ? new ParseCache(new ModelStore(BuildCache.ModelDir(options.OutDir)), BuildCache.CachePath(options.OutDir, ".hashes"))
                : null);
            var kb = Stage("load", () => ContentLoader.Load(options.ContentDir, _diagnostics, _parsed));
            if (kb is not null) _background.Add(KbGen.Rendering.Pdf.PdfFonts.Prepare(kb.Settings.Fonts));
            // kbgen build also keeps per-topic checks and listings of unchanged topic files.
            var facts = kb is not null && _parsed?.Store is not null ? TopicFacts.Open(options.OutDir, _parsed) : null;
            if (kb is not null) Stage("validate", () =>
            {
                facts?.Seed(kb);
                Validator.Validate(kb, new ValidationContext(today), _diagnostics);
                return 0;
            });
            if (kb is null || Failed()) return Report(false);

            var timestamp = options.Timestamp ?? BuildOptions.SourceDateEpoch() ?? NewestDate(kb);
            var shown = Stage("select", () => ChannelSelection.Select(kb, options.Channel));
            // (The stage is the wait for the compile begun at the start, if it has not finished.)
            TemplateSet? templates = compiling is null ? null : Stage("templates", () =>
            {
                var set = compiling.GetAwaiter().GetResult();
                _diagnostics.AddRange(templateDiagnostics.Sorted());
                return set;
            });
            IncrementalPlan? plan = null;
            if (options.Incremental)
            {
                var files = templates?.AllFiles() ?? TemplateSet.AllFiles(TemplateSet.LocateBuiltIn(), options.TemplatesDir);
                plan = Stage("reuse", () => IncrementalPlan.Prepare(options, kb, shown, timestamp, today, files, _parsed));
                _reused = plan.ReusedIds;
                _cacheRejected = plan.Rejected;
            }

            IBuildOutput output;
            try { output = BeginOutput(plan); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _diagnostics.Add(DiagnosticCodes.OutputFailed, SourceSpan.FileStart(options.OutDir), $"cannot prepare the output folder: {ex.Message}");
                return Report(false);
            }
            using (output)
            {
                try
                {
                    if (plan is not null) Stage("carry", () => { plan.CarryOver(output, options.MaxParallelism); return 0; });
                    var owned = plan?.OwnedFiles();
                    var recording = new RecordingSink(output, rel => owned?.Contains(rel) == true);
                    Render(kb, today, timestamp, shown, templates, plan, recording);
                    if (Failed()) return Report(false);
                    var manifest = plan is null ? null : Stage("cache", () => plan.Manifest(recording.Hashes, output));
                    // An update in place is not atomic: until it is complete, no manifest vouches for it.
                    if (output is InPlaceOutput) BuildCache.Forget(options.OutDir);
                    Stage("switch", () =>
                    {
                        // A reader of the output in this process (serve) never sees a commit half done.
                        options.OutputLock?.EnterWriteLock();
                        try { output.Commit(); }
                        finally { options.OutputLock?.ExitWriteLock(); }
                        return 0;
                    });
                    Stage("save", () =>
                    {
                        // Independent files of the cache, written side by side.
                        Parallel.Invoke(
                            () =>
                            {
                                if (plan is not null && manifest is not null)
                                    BuildCache.Save(options.OutDir, output.Target, plan.Keys.Global, manifest, plan.Others(recording.Written.Keys));
                            },
                            () => _parsed?.Store?.Prune(),
                            () => facts?.Save(kb),
                            () => _parsed?.SaveHashes());
                        return 0;
                    });
                    return Report(true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _diagnostics.Add(DiagnosticCodes.OutputFailed, SourceSpan.FileStart(options.OutDir), $"cannot write the output: {ex.Message}");
                    return Report(false);
                }
            }
        }

        /// <summary>The spare folder, brought up to date and switched in atomically; or, for serve
        /// (InPlace) when the cache vouches for the current output, an update of it where it stands.</summary>
        private IBuildOutput BeginOutput(IncrementalPlan? plan)
        {
            if (options.InPlace && plan is { Cache: { Accepted: true, CurrentFolder: { } current } } && Directory.Exists(current))
                return InPlaceOutput.Begin(current, plan.Cache.RecordedFiles.ToList());
            return StagedOutput.Begin(options.OutDir);
        }

        /// <summary>Renders into the build's output: with the cache, only topics whose inputs changed
        /// (their unchanged files were carried over) and every page that lists topics.</summary>
        private void Render(KnowledgeBase kb, DateOnly today, DateTimeOffset timestamp, IReadOnlyList<ShownTopic> shown, TemplateSet? templates,
            IncrementalPlan? plan, RecordingSink sink)
        {
            using var charts = new ChartStage(kb, options.ChartPapers);
            var toRender = plan is null ? shown : shown.Where(s => !plan.IsReused(s)).ToList();
            // A build that renders a few topics (an edit) makes their handouts beside the pages:
            // its html stage is then mostly one topic page and the listing pages, which leave a
            // core idle for 40 ms. A build of many topics keeps one stage at a time on all cores.
            Task<(int Count, TimeSpan Time)>? handouts = null;
            if (options.Handouts && templates is not null && toRender.Count <= options.MaxParallelism)
                handouts = Task.Run(() =>
                {
                    var sw = Stopwatch.StartNew();
                    return (MakeHandouts(kb, toRender, timestamp, sink), sw.Elapsed);
                });
            try
            {
                if (templates is not null) RenderPages(kb, today, timestamp, shown, templates, plan, sink, charts, toRender);
            }
            catch when (handouts is not null)
            {
                // Nothing is left writing into an output that is about to be dropped.
                try { handouts.Wait(); } catch (AggregateException) { }
                throw;
            }
            // Reused topics count as written: the report is the same as a full build's.
            var reused = shown.Count - toRender.Count;
            var reusedCharts = plan is null ? 0 : shown.Count(s => plan.IsReused(s) && s.Topic.HasAlgorithm);
            if (handouts is not null)
            {
                var (count, time) = handouts.GetAwaiter().GetResult();
                _stages.Add(("pdf", time));
                progress?.Invoke($"pdf: {time.TotalSeconds:0.00} s");
                _pdfs = count + options.HandoutAudiences.Count * reused;
            }
            else if (options.Handouts && !Failed())
                _pdfs = Stage("pdf", () => MakeHandouts(kb, toRender, timestamp, sink)) + options.HandoutAudiences.Count * reused;
            if (options.Charts && !Failed())
                _charts = Stage("chart", () => charts.WritePdfs(toRender, sink, timestamp, _diagnostics, options.MaxParallelism)) + reusedCharts;
        }

        private void RenderPages(KnowledgeBase kb, DateOnly today, DateTimeOffset timestamp, IReadOnlyList<ShownTopic> shown, TemplateSet templates,
            IncrementalPlan? plan, RecordingSink sink, ChartStage charts, IReadOnlyList<ShownTopic> toRender)
        {
            var site = new SiteContext(kb, options.Channel, shown, r => ReferenceHtml.Format(r, kb.Settings.CitationStyle), charts.Html, timestamp)
                { Today = today, HasHandouts = options.Handouts, HasCharts = options.Charts };
            var renderer = new SiteRenderer(site, templates, _diagnostics) { Reused = plan is null ? null : plan.IsReused };
            // Posters are drawn with their pages, from the one layout, which is then dropped.
            if (options.Charts) charts.WritePostersWithPages(toRender, sink, timestamp, _diagnostics);
            Stage("html", () => { renderer.RenderAll(sink, options.MaxParallelism); return 0; });
            _htmlParts = renderer.Timings;
            if (options.Charts)
            {
                _stages.Add(("posters", charts.PosterTimeDuringHtml));
                progress?.Invoke($"posters: {charts.PosterTimeDuringHtml.TotalSeconds:0.00} s (thread time, within html)");
            }
            _pages = renderer.PagesWritten;
        }

        private int MakeHandouts(KnowledgeBase kb, IReadOnlyList<ShownTopic> topics, DateTimeOffset timestamp, IOutputSink sink) =>
            HandoutStage.Run(kb, topics, options.HandoutAudiences, options.Channel, timestamp, sink, options.MaxParallelism);

        private T Stage<T>(string name, Func<T> work)
        {
            var sw = Stopwatch.StartNew();
            var result = work();
            _stages.Add((name, sw.Elapsed));
            progress?.Invoke($"{name}: {sw.Elapsed.TotalSeconds:0.00} s");
            return result;
        }

        private bool Failed() => _diagnostics.HasErrors || (options.WarningsAsErrors && _diagnostics.Count > 0);

        private BuildReport Report(bool ok)
        {
            var list = _diagnostics.Sorted();
            if (options.WarningsAsErrors) list = DiagnosticBag.Promote(list);
            return ok
                ? new BuildReport(true, list, _pages, _pdfs, _charts, _stages, _clock.Elapsed) { ReusedTopics = _reused, CacheRejected = _cacheRejected, HtmlParts = _htmlParts }
                : new BuildReport(false, list, 0, 0, 0, _stages, _clock.Elapsed) { CacheRejected = _cacheRejected };
        }
    }
}
