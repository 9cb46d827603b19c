using KbGen.Building;

namespace KbGen.Cli;

/// <summary>Shows a build's progress: one plain line per stage (CI, pipes, --verbose).</summary>
public sealed class BuildProgress(TextWriter output, bool quiet, bool verbose)
{
    public BuildReport Run(BuildOptions options) =>
        SiteBuild.Run(options, quiet || !verbose ? null : line => output.WriteLine(line));
}
