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
    // Unchanged topic and reference files are not parsed again, templates are not compiled again,
    // and the build cache beside the output reuses every unchanged topic's page, handouts and
    // chart: a save re-renders only the topic that changed and the pages that list it. Whether the
    // output is updated in place (its private preview folder) is the caller's choice.
    private readonly BuildOptions _options = options with
    {
        ParseCache = options.ParseCache ?? new Loading.ParseCache(), Templates = options.Templates ?? new Rendering.Html.TemplateCache(),
    };

    public BuildReport Build(IReadOnlyCollection<string> changedPaths) => SiteBuild.Run(_options);
}
