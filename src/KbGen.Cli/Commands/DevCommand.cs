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
        return dev;
    }
}
