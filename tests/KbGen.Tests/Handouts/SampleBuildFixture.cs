using KbGen.Publishing;
using KbGen.Building;
using KbGen.Rendering.Html;
using KbGen.Tests.Support;

namespace KbGen.Tests.Handouts;

/// <summary>The sample knowledge base built once (preview channel, so the under-review topic has
/// watermarked handouts too) into a temporary output folder shared by a test class.</summary>
public sealed class SampleBuildFixture : IDisposable
{
    public SampleBuildFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "kbgen-sample-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        Report = SiteBuild.Run(new BuildOptions
        {
            ContentDir = RepoRoot.SampleContent,
            OutDir = Path.Combine(Root, "output"),
            Channel = Channel.Preview,
            Today = new DateOnly(2026, 1, 15),
        });
    }

    public string Root { get; }
    public BuildReport Report { get; }
    public string Output => Path.Combine(Root, "output");

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
