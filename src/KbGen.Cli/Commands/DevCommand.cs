using System.CommandLine;
using KbGen.Authoring;

namespace KbGen.Cli.Commands;

/// <summary>Hidden developer commands: `kbgen dev corpus N DIR` writes a benchmark corpus.</summary>
public static class DevCommand
{
    public static Command Create()
    {
        var dev = new Command("dev", "Developer tools") { Hidden = true };
        var corpus = new Command("corpus", "Write a generated knowledge base of N topics into DIR");
        var n = new Argument<int>("N");
        var dir = new Argument<string>("DIR");
        corpus.Add(n);
        corpus.Add(dir);
        corpus.SetAction(parse =>
        {
            var path = parse.GetValue(dir)!;
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
                throw new UsageException($"'{path}' is not empty");
            CorpusGenerator.Write(path, parse.GetValue(n));
            parse.InvocationConfiguration.Output.WriteLine($"wrote {parse.GetValue(n)} topics into {path}");
            return Cli.Ok;
        });
        dev.Add(corpus);

        var export = new Command("export-hugo", "Export CONTENT as a minimal Hugo site (OUT/hugo) and patient handouts as HTML (OUT/handouts), for benchmarks");
        var from = new Argument<string>("CONTENT");
        var to = new Argument<string>("OUT");
        export.Add(from);
        export.Add(to);
        export.SetAction(parse =>
        {
            var n = BenchExport.Write(parse.GetValue(from)!, parse.GetValue(to)!);
            parse.InvocationConfiguration.Output.WriteLine($"exported {n} topics into {parse.GetValue(to)}");
            return Cli.Ok;
        });
        dev.Add(export);
        dev.Add(ServeRebuild());
        return dev;
    }

    /// <summary>`kbgen dev serve-rebuild CONTENT`: what a save costs inside `kbgen serve`. A copy of
    /// CONTENT is built once by serve's own builder, then one topic is edited and rebuilt
    /// --reps times; prints the median rebuild time and its stages.</summary>
    private static Command ServeRebuild()
    {
        var cmd = new Command("serve-rebuild", "Measure serve's rebuild after editing one topic of a copy of CONTENT");
        var content = new Argument<string>("CONTENT");
        var reps = new Option<int>("--reps") { DefaultValueFactory = _ => 9 };
        cmd.Add(content);
        cmd.Add(reps);
        cmd.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var work = Path.Combine(Path.GetTempPath(), "kbgen-serve-rebuild-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var copy = Path.Combine(work, "content");
                CopyTree(parse.GetValue(content)!, copy);
                var builder = new Serve.WholeSiteBuilder(new Building.BuildOptions
                {
                    // As serve builds its own preview folder: in place, under its output lock.
                    ContentDir = copy, OutDir = Path.Combine(work, "output"), Channel = Publishing.Channel.Preview,
                    InPlace = true, OutputLock = new ReaderWriterLockSlim(),
                });
                var first = builder.Build([]);
                if (!first.Succeeded) throw new UsageException("the content does not build: run kbgen check");
                var topic = Directory.GetFiles(Path.Combine(copy, "topics"), "*.yaml").Order(StringComparer.Ordinal).First();
                var outLink = Path.Combine(work, "output");
                var folder = new DirectoryInfo(outLink).LinkTarget;
                var runs = new List<(Building.BuildReport Report, TimeSpan Pause, int Gen2)>();
                for (var i = 0; i < parse.GetValue(reps); i++)
                {
                    var text = File.ReadAllText(topic);
                    File.WriteAllText(topic, System.Text.RegularExpressions.Regex.Replace(text, "(?m)^title: (.*)$", m => $"title: {m.Groups[1].Value} {i}", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));
                    var pause = GC.GetTotalPauseDuration();
                    var gen2 = GC.CollectionCount(2);
                    var report = builder.Build([topic]);
                    if (!report.Succeeded || report.ReusedTopics.Count == 0) throw new UsageException("a rebuild failed or reused nothing");
                    runs.Add((report, GC.GetTotalPauseDuration() - pause, GC.CollectionCount(2) - gen2));
                }
                var median = runs.OrderBy(r => r.Report.Elapsed).ElementAt(runs.Count / 2);
                var inPlace = folder is not null && new DirectoryInfo(outLink).LinkTarget == folder;
                string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0.0} ms";
                output.WriteLine($"serve rebuild after editing one topic: median {Ms(median.Report.Elapsed)} (min {Ms(runs.Min(r => r.Report.Elapsed))}, max {Ms(runs.Max(r => r.Report.Elapsed))}, {runs.Count} runs, first build {first.Elapsed.TotalSeconds:0.00} s, output {(inPlace ? "updated in place" : "switched to new folders")})");
                output.WriteLine("median run's stages: " + string.Join(", ", median.Report.Stages.Select(s => $"{s.Stage} {Ms(s.Time)}")));
                output.WriteLine($"median run's garbage collection: {Ms(median.Pause)} paused, {median.Gen2} full collection(s)");
                output.WriteLine("median run's html parts: " + string.Join(", ", median.Report.HtmlParts.Select(s => $"{s.Part} {Ms(s.Time)}")));
                return Cli.Ok;
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        });
        return cmd;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
