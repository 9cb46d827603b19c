using KbGen.Building;
using KbGen.Publishing;

namespace KbGen.Tests.Hardening;

/// <summary>The hostile tree (every field holding every payload it must accept) built once in
/// both channels (site with its inline SVG charts, and handouts), shared by a test class.</summary>
public sealed class HostileBuildFixture : IDisposable
{
    public HostileBuildFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "kbgen-hostile-" + Guid.NewGuid().ToString("N")[..8]);
        Parallel.For(0, HostileContent.Groups, g =>
        {
            var content = HostileContent.WriteAcceptedTree(Path.Combine(Root, $"g{g}"), g);
            foreach (var channel in Channels)
            {
                var report = SiteBuild.Run(new BuildOptions
                {
                    ContentDir = content,
                    OutDir = OutputOf(new Build(g, channel)),
                    Channel = channel,
                    Today = new DateOnly(2026, 1, 15),
                    // Long unwrapped branch and phase labels make the poster refuse to fit (KB9301,
                    // an honest refusal); the chart is still drawn inline as SVG on the topic page.
                    Charts = false,
                });
                if (!report.Succeeded)
                    throw new InvalidOperationException($"hostile group {g} {channel} build failed:\n" + string.Join("\n", report.Diagnostics));
            }
        });
    }

    public string Root { get; }
    public static readonly Channel[] Channels = [Channel.Public, Channel.Preview];
    public static IEnumerable<Build> Builds =>
        Enumerable.Range(0, HostileContent.Groups).SelectMany(g => Channels.Select(c => new Build(g, c)));

    public string OutputOf(Build b) => Path.Combine(Root, $"g{b.Group}", b.Channel == Channel.Public ? "public" : "preview");
    public string SiteOf(Build b) => Path.Combine(OutputOf(b), "site");

    public IEnumerable<(Build Build, string Path)> Files(string pattern) =>
        Builds.SelectMany(b => Directory.EnumerateFiles(OutputOf(b), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => (b, f)));

    public readonly record struct Build(int Group, Channel Channel)
    {
        public override string ToString() => $"g{Group}/{Channel}";
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
