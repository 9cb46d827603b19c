using KbGen.Publishing;
using KbGen.Building;
using KbGen.Rendering.Html;

namespace KbGen.Tests.Site;

/// <summary>Builds a content folder the way `kbgen build` does, with a fixed "today" so labels such
/// as "review due" do not depend on the day the tests run.</summary>
internal static class TestBuild
{
    public static readonly DateOnly Today = new(2026, 1, 15);

    public static BuildReport Run(string contentDir, string outDir, Channel channel, string? templatesDir = null, DateTimeOffset? timestamp = null) =>
        SiteBuild.Run(new BuildOptions
        {
            ContentDir = contentDir,
            OutDir = outDir,
            TemplatesDir = templatesDir,
            Channel = channel,
            Today = Today,
            Timestamp = timestamp,
            Handouts = false,
            Charts = false,
        });

    public static string Describe(BuildReport r) => string.Join("\n", r.Diagnostics.Select(d => d.ToString()));
}

/// <summary>The sample knowledge base (content/) built once in both channels, shared by a test class.</summary>
public sealed class SampleSiteFixture : IDisposable
{
    private readonly TempDir _dir = new("sample");

    public SampleSiteFixture()
    {
        PublicReport = TestBuild.Run(TestPaths.Content, _dir.Combine("public", "output"), Channel.Public);
        PreviewReport = TestBuild.Run(TestPaths.Content, _dir.Combine("preview", "output"), Channel.Preview);
        if (!PublicReport.Succeeded || !PreviewReport.Succeeded)
            throw new InvalidOperationException("sample build failed:\n" + TestBuild.Describe(PublicReport) + "\n" + TestBuild.Describe(PreviewReport));
    }

    public BuildReport PublicReport { get; }
    public BuildReport PreviewReport { get; }
    public string PublicSite => _dir.Combine("public", "output", "site");
    public string PreviewSite => _dir.Combine("preview", "output", "site");
    public string SiteOf(Channel c) => c == Channel.Public ? PublicSite : PreviewSite;

    public const string ApprovedTopic = "lumbar-compression-fracture-pain";
    public const string UnderReviewTopic = "osteoporotic-vertebral-fracture-back-pain";

    public void Dispose() => _dir.Dispose();
}
