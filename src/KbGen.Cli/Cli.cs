using System.CommandLine;
using KbGen.Cli.Commands;

namespace KbGen.Cli;

/// <summary>The `kbgen` command line. Exit codes: 0 success, 1 content errors, 2 bad usage,
/// 3 an internal fault (one line asking for a report, never a stack trace).</summary>
public static class Cli
{
    public const int Ok = 0, ContentErrors = 1, Usage = 2, InternalFault = 3;

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("KbGen: builds a clinical knowledge base into a site, PDF handouts and algorithm charts.");
        root.Add(CheckCommand.Create());
        root.Add(NewCommand.Create());
        root.Add(BuildCommand.Create());
        root.Add(RefsCommand.Create());
        root.Add(HandoutCommand.Create());
        root.Add(DevCommand.Create());
        foreach (var c in CommandRegistry.Extra()) root.Add(c);
        return root;
    }

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        try
        {
            var root = BuildRoot();
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors) error.WriteLine($"kbgen: {e.Message}");
                error.WriteLine("Run 'kbgen --help' for usage.");
                return Usage;
            }
            var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return parse.Invoke(config);
        }
        catch (UsageException ex)
        {
            error.WriteLine($"kbgen: {ex.Message}");
            return Usage;
        }
        catch (Exception ex)
        {
            error.WriteLine($"kbgen: internal error ({ex.GetType().Name}: {FirstLine(ex.Message)}); please report it with the command you ran.");
            return InternalFault;
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}

/// <summary>Thrown for a mistake in how the command was called (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
