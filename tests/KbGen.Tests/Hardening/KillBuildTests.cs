using KbGen.Tests.Support;
using System.Diagnostics;
using KbGen.Building;
using KbGen.Publishing;
using Xunit.Abstractions;

namespace KbGen.Tests.Hardening;

/// <summary>`kbgen build` killed with SIGKILL at seeded random moments, 20 times: `output` is
/// always exactly the previous complete build or the new complete one (file set and SHA-256),
/// and the next build succeeds and removes the leftovers. Then more kills aimed at the switch.</summary>
public sealed class KillBuildTests(ITestOutputHelper log)
{
    private const int Kills = 20; // was 30: cut to keep the Hardening suite within its time budget (browser, PDF and limits tests added)

    [Fact]
    public void Killed_build_leaves_old_or_new_output_never_a_mix()
    {
        var root = Path.Combine(Path.GetTempPath(), "kbgen-kill-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var a = Path.Combine(root, "a");
            var b = Path.Combine(root, "b");
            KbGen.Authoring.CorpusGenerator.Write(a, 25);
            KbGen.Authoring.CorpusGenerator.Write(b, 25);
            // b differs from a: one more line in the kb title shows on every page.
            var kbB = Path.Combine(b, "kb.yaml");
            File.WriteAllText(kbB, File.ReadAllText(kbB).Replace("title: ", "title: Changed "));
            var outDir = Path.Combine(root, "out", "output");

            // The two known-good builds, each built twice by the real command to learn its manifest and time.
            var (manA, timeA) = FullBuild(a, outDir);
            var (manB, timeB) = FullBuild(b, outDir);
            Assert.NotEqual(manA, manB);
            Assert.Equal(manB, FullBuild(b, outDir).Manifest); // deterministic
            log.WriteLine($"full builds: a {timeA.TotalSeconds:0.00} s, b {timeB.TotalSeconds:0.00} s, {manA.Split('\n').Length} files");

            var rng = new Random(20260115);
            var outcomes = new Dictionary<string, int>();
            var current = "b";
            var total = Kills + 10;
            var estimate = TimeSpan.FromTicks(Math.Min(timeA.Ticks, timeB.Ticks));
            for (var i = 0; i < total; i++)
            {
                var target = current == "a" ? "b" : "a";
                var expectedNew = target == "a" ? manA : manB;
                var expectedOld = target == "a" ? manB : manA;
                using var p = new KbgenProcess("build", "--content", target == "a" ? a : b, "--out", outDir, "--channel", "preview", "--verbose");
                var sw = Stopwatch.StartNew();
                if (i < Kills)
                {
                    // Anywhere in the run: a seeded fraction of the fastest complete run seen so far.
                    var delay = TimeSpan.FromMilliseconds(rng.NextDouble() * estimate.TotalMilliseconds);
                    while (sw.Elapsed < delay && !p.HasExited) Thread.Sleep(1);
                }
                else
                {
                    // Aimed at the switch: wait until the last stage before it reports, then a seeded 0–3 ms.
                    while (!p.HasExited && !p.Lines.Any(l => l.StartsWith("chart:", StringComparison.Ordinal))) Thread.SpinWait(200);
                    var extra = rng.NextDouble() * 3;
                    while (sw.Elapsed.TotalMilliseconds < extra && !p.HasExited) Thread.SpinWait(50);
                }
                var delayTaken = sw.Elapsed;
                var killed = p.Kill();
                if (!killed && sw.Elapsed < estimate) estimate = sw.Elapsed;
                var stage = killed ? Stage(p.Lines) : "finished";
                var now = KbGen.Tests.Hardening.Manifest.Of(outDir);
                var leftovers = Leftovers(outDir);
                string landed;
                if (now == expectedOld) landed = leftovers.Any(l => l.EndsWith(".link", StringComparison.Ordinal)) ? "switch (link made, not renamed)" : $"before switch ({stage})";
                else if (now == expectedNew) { landed = killed ? (leftovers.Count > 0 ? "after switch, cleaning up" : "after switch") : "finished"; current = target; }
                else { Assert.Fail($"kill {i} after {delayTaken.TotalMilliseconds:0} ms ({stage}): output is neither build:\n{Diff(now, expectedOld, expectedNew)}"); return; }
                outcomes[landed] = outcomes.GetValueOrDefault(landed) + 1;

                // The next build succeeds and leaves only the output's own target beside it.
                if (i % 5 == 4)
                {
                    var report = SiteBuild.Run(new BuildOptions { ContentDir = target == "a" ? a : b, OutDir = outDir, Channel = Channel.Preview });
                    Assert.True(report.Succeeded, string.Join("\n", report.Diagnostics));
                    Assert.Equal(expectedNew, KbGen.Tests.Hardening.Manifest.Of(outDir));
                    Assert.Empty(Leftovers(outDir));
                    current = target;
                }
            }
            foreach (var (k, v) in outcomes.OrderBy(x => x.Key)) log.WriteLine($"{v,3} × {k}");
            Assert.True(outcomes.Keys.Count(k => k.StartsWith("before switch", StringComparison.Ordinal)) >= 2, "kills did not spread over the stages");
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }

    private static (string Manifest, TimeSpan Time) FullBuild(string content, string outDir)
    {
        var sw = Stopwatch.StartNew();
        using var p = new KbgenProcess("build", "--content", content, "--out", outDir, "--channel", "preview");
        var exit = p.Wait(TimeSpan.FromSeconds(60));
        sw.Stop();
        Assert.True(exit == 0, string.Join("\n", p.Lines));
        Assert.Empty(Leftovers(outDir));
        return (KbGen.Tests.Hardening.Manifest.Of(outDir), sw.Elapsed);
    }

    /// <summary>The last stage `--verbose` reported finished, as "after html" etc.</summary>
    private static string Stage(IReadOnlyList<string> lines)
    {
        var done = lines.Select(l => l.Split(':')[0]).LastOrDefault(s => s is "load" or "validate" or "html" or "pdf" or "chart" or "switch");
        return done is null ? "starting or loading" : "after " + done;
    }

    private static List<string> Leftovers(string outDir) => OutputFolders.Leftovers(outDir);

    private static string Diff(string now, string old, string @new)
    {
        var n = now.Split('\n').ToHashSet();
        return $"{n.Except(old.Split('\n')).Count()} lines differ from the old build, {n.Except(@new.Split('\n')).Count()} from the new; first: {n.Except(@new.Split('\n')).FirstOrDefault()}";
    }
}
