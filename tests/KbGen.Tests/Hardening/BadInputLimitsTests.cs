using System.Diagnostics;
using System.Globalization;
using KbGen.Tests.Support;
using Xunit.Abstractions;

namespace KbGen.Tests.Hardening;

/// <summary>The heaviest cases of tests/bad-input/ through `kbgen check` as its own process under
/// GNU time: each finishes in under 5 s (process start included) with a peak resident set under
/// 500 MB, gives the exit code its expected.txt says, and prints no stack trace.</summary>
public sealed class BadInputLimitsTests(ITestOutputHelper log)
{
    private const string Time = "/usr/bin/time";
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(5);
    private const long MaxKiB = 500 * 1024;

    public static TheoryData<string> Heavy() => new(
        "file-50mb",                // 50 MB topic file: refused by size, never read
        "file-just-over-limit",     // 4 MB + 1 byte
        "yaml-deep-nesting",        // [[[[ 10,000 levels
        "yaml-nesting-70-levels",   // just past the depth limit
        "yaml-alias",               // aliases (the billion-laughs device) are refused
        "yaml-anchor",
        "yaml-invalid-utf8",
        "yaml-invalid-utf8-line3",
        "file-logo-20000px",        // a PNG header claiming 20,000 px: never decoded
        "accept-base");             // and a valid tree, as the yardstick

    [Theory]
    [MemberData(nameof(Heavy))]
    public async Task Check_stays_within_time_and_memory(string name)
    {
        Assert.True(File.Exists(Time), $"{Time} is missing (Debian package `time`)");
        var work = Path.Combine(Path.GetTempPath(), "kbgen-limits-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var content = BadInputCase.Materialise(name, work);
            var stats = Path.Combine(work, "time.txt");
            var psi = new ProcessStartInfo(Time) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-f", "%e %M", "-o", stats, "dotnet", KbgenProcess.Dll, "check", "--content", content }) psi.ArgumentList.Add(a);
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(30_000)) { p.Kill(); Assert.Fail($"{name}: kbgen check still running after 30 s"); }
            p.WaitForExit();
            sw.Stop();

            // GNU time writes "Command exited with non-zero status N" first when it is not 0.
            var last = File.ReadAllLines(stats).Last(l => l.Trim().Length > 0).Split(' ');
            var seconds = double.Parse(last[0], CultureInfo.InvariantCulture);
            var peakKiB = long.Parse(last[1], CultureInfo.InvariantCulture);
            log.WriteLine($"{name}: exit {p.ExitCode}, {seconds:0.00} s, peak {peakKiB / 1024.0:0} MB");

            var (expected, lines) = BadInputCase.Expected(name);
            var err = await stderr;
            Assert.True(p.ExitCode == expected, $"{name}: exit {p.ExitCode}, expected {expected}\n{err}");
            foreach (var code in lines.Select(l => l.Split(' ')[^1]))
                Assert.Contains(code, err);
            Assert.DoesNotContain("   at ", err);
            Assert.DoesNotContain("   at ", await stdout);
            Assert.DoesNotContain("internal error", err);
            Assert.True(TimeSpan.FromSeconds(seconds) < MaxTime, $"{name}: {seconds:0.00} s");
            Assert.True(peakKiB < MaxKiB, $"{name}: peak resident set {peakKiB / 1024} MB");
        }
        finally
        {
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }
}
