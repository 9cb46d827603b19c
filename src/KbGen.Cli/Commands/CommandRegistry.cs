using System.CommandLine;

namespace KbGen.Cli.Commands;

/// <summary>Commands beyond check and new; each lives in its own file.</summary>
public static partial class CommandRegistry
{
    public static IEnumerable<Command> Extra()
    {
        yield return ServeCommand.Create();
    }
}
