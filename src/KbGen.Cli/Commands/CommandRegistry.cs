using System.CommandLine;

namespace KbGen.Cli.Commands;

/// <summary>Commands beyond check, new, build, refs, handout and dev; each lives in its own file.</summary>
public static partial class CommandRegistry
{
    public static IEnumerable<Command> Extra()
    {
        yield return ReviewCommand.Create();
        yield return PublishCommand.Create();
        yield return StatusCommand.Create();
        yield return ServeCommand.Create();
    }
}
