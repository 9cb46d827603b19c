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
        return dev;
    }
}
