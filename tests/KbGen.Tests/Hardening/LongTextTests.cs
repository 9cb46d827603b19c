using KbGen.Building;
using KbGen.Publishing;

namespace KbGen.Tests.Hardening;

/// <summary>Very long text (a 20,000-character word and 40,000 characters of words) in every
/// text field: the build either succeeds or refuses with diagnostics. It never throws, and a
/// refused build leaves the previous output as it was.</summary>
public sealed class LongTextTests
{
    [Theory]
    [InlineData("word")]
    [InlineData("words")]
    public void Long_text_everywhere_builds_or_fails_cleanly(string kind)
    {
        var root = Path.Combine(Path.GetTempPath(), "kbgen-long-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var text = kind == "word" ? new string('W', 20_000) : string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 2_200));
            var content = Path.Combine(root, "content");
            HostileContent.Write(content, f => f.Kind == FieldKind.Url ? "https://example.test/" + text : text);
            var outDir = Path.Combine(root, "output");
            // A good build first, so that a refused build has something to leave alone.
            var good = Path.Combine(root, "good");
            HostileContent.Write(good, f => f.Kind == FieldKind.Url ? "https://example.test/" : "Plain text");
            Assert.True(SiteBuild.Run(Options(good, outDir)).Succeeded);
            var before = Manifest.Of(outDir);

            var started = DateTime.UtcNow;
            var report = SiteBuild.Run(Options(content, outDir));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "the long build took over 30 s");
            if (report.Succeeded) Assert.NotEqual(before, Manifest.Of(outDir));
            else
            {
                Assert.Contains(report.Diagnostics, d => d.IsError);
                Assert.Equal(before, Manifest.Of(outDir));
            }
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }

    private static BuildOptions Options(string content, string outDir) => new()
    {
        ContentDir = content, OutDir = outDir, Channel = Channel.Preview, Today = new DateOnly(2026, 1, 15),
    };
}
