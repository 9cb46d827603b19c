using System.Diagnostics;
using KbGen.Tests.Support;
using KbGen.Tests.Workflow;
using Xunit.Abstractions;

namespace KbGen.Tests.Hardening;

/// <summary>`kbgen publish` killed with SIGKILL at seeded random moments, 30 times, each time with
/// changed content to publish: no v&lt;N&gt;.yaml is ever partial (each one passes `kbgen check`'s hash
/// verification), leftover dot-files do not break check, and the versions stay 1..N with no gap.</summary>
public sealed class KillPublishTests(ITestOutputHelper log)
{
    [Fact]
    public void Killed_publish_never_leaves_a_partial_archive_file()
    {
        using var content = new TempContent();
        var topic = TempContent.Lumbar;
        var archive = content.ArchiveDir(topic);
        var original = content.Read(topic);

        // How long a whole publish takes, to spread the kills over it.
        content.Write(topic, original.Replace("Treat pain medically first", "Treat pain medically first (edition 0)"));
        var sw = Stopwatch.StartNew();
        using (var first = new KbgenProcess("publish", topic, "--content", content.Dir))
            Assert.True(first.Wait(TimeSpan.FromSeconds(60)) == 0, string.Join("\n", first.Lines));
        var full = sw.Elapsed;
        log.WriteLine($"one publish: {full.TotalMilliseconds:0} ms");

        var rng = new Random(515);
        int published = 0, notYet = 0;
        for (var i = 1; i <= 30; i++)
        {
            content.Write(topic, original.Replace("Treat pain medically first", $"Treat pain medically first (edition {i})"));
            var before = Publisher(archive);
            using var p = new KbgenProcess("publish", topic, "--content", content.Dir);
            // Odd kills anywhere; even ones in the last 40 % of the run, where the file is written and linked.
            var delay = full.TotalMilliseconds * (i % 2 == 1 ? rng.NextDouble() : 0.6 + 0.4 * rng.NextDouble());
            var t = Stopwatch.StartNew();
            while (t.Elapsed.TotalMilliseconds < delay && !p.HasExited) Thread.Sleep(1);
            p.Kill();
            var after = Publisher(archive);
            if (after > before) published++; else notYet++;

            var (exit, diagnostics, stderr, _) = KbGen.Tests.Foundation.BadInputCorpusTests.Check(content.Dir);
            var archiveErrors = diagnostics.Where(d => d.StartsWith("archive/", StringComparison.Ordinal) && d.Contains(": error ")).ToList();
            Assert.True(archiveErrors.Count == 0, $"kill {i} after {delay:0} ms: {string.Join("; ", archiveErrors)}\n{stderr}");
            Assert.DoesNotContain("   at ", stderr);
            var versions = Directory.EnumerateFiles(archive, "v*.yaml").Select(f => int.Parse(Path.GetFileNameWithoutExtension(f)[1..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        }
        var dotFiles = Directory.EnumerateFiles(archive, ".*").Count();
        log.WriteLine($"30 kills: {published} after the version was claimed, {notYet} before; {dotFiles} dot-files left behind");

        // Publishing still works after all that.
        content.Write(topic, original.Replace("Treat pain medically first", "Treat pain medically first (final)"));
        using var last = new KbgenProcess("publish", topic, "--content", content.Dir);
        Assert.True(last.Wait(TimeSpan.FromSeconds(60)) == 0, string.Join("\n", last.Lines));
        Assert.Equal(0, KbGen.Tests.Foundation.BadInputCorpusTests.Check(content.Dir).Exit);
    }

    private static int Publisher(string dir) => KbGen.Publishing.Publisher.LatestVersion(dir);
}
