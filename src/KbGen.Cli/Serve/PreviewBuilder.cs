using KbGen.Building;

namespace KbGen.Cli.Serve;

/// <summary>The one place `serve` (re)builds. Today every change rebuilds the whole site; an
/// incremental build can take its place behind this interface, using the changed paths.</summary>
public interface IPreviewBuilder
{
    /// <param name="changedPaths">Files that changed since the last build (empty for the first build).</param>
    BuildReport Build(IReadOnlyCollection<string> changedPaths);
}

public sealed class WholeSiteBuilder(BuildOptions options) : IPreviewBuilder
{
    public BuildReport Build(IReadOnlyCollection<string> changedPaths) => SiteBuild.Run(options);
}
