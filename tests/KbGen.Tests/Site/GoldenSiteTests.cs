using KbGen.Publishing;
using System.Text;
using KbGen.Rendering.Html;

namespace KbGen.Tests.Site;

/// <summary>Golden files: each folder of golden/ holds a small knowledge base (content/) and the
/// HTML the public channel must produce from it (expected/, same paths as output/site). Run with
/// KBGEN_UPDATE_GOLDEN=1 to rewrite expected/ from the current output, then review the diff by eye.</summary>
public class GoldenSiteTests
{
    private static readonly DateTimeOffset Timestamp = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var d in Directory.EnumerateDirectories(TestPaths.Golden).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(d));
        return data;
    }

    private static bool Update => Environment.GetEnvironmentVariable("KBGEN_UPDATE_GOLDEN") is "1" or "true";

    [Theory]
    [MemberData(nameof(Cases))]
    public void Html_matches_golden_files(string name)
    {
        var caseDir = Path.Combine(TestPaths.Golden, name);
        using var tmp = new TempDir("golden");
        Support.RepoRoot.CopyTree(Path.Combine(caseDir, "content"), tmp.Combine("content"));
        var report = TestBuild.Run(tmp.Combine("content"), tmp.Combine("output"), Channel.Public, timestamp: Timestamp);
        Assert.True(report.Succeeded, TestBuild.Describe(report));

        var site = tmp.Combine("output", "site");
        var actual = TestPaths.Files(site).Where(f => f.EndsWith(".html", StringComparison.Ordinal)).ToList();
        var expectedDir = Path.Combine(caseDir, "expected");

        if (Update)
        {
            if (Directory.Exists(expectedDir)) Directory.Delete(expectedDir, recursive: true);
            foreach (var f in actual)
            {
                var target = Path.Combine(expectedDir, f);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(site, f), target);
            }
            return;
        }

        Assert.True(Directory.Exists(expectedDir), $"no expected/ in {caseDir}; run with KBGEN_UPDATE_GOLDEN=1 to create it");
        var expected = TestPaths.Files(expectedDir);
        Assert.Equal(expected, actual);
        var failures = new StringBuilder();
        foreach (var f in expected)
        {
            var want = Normalise(File.ReadAllText(Path.Combine(expectedDir, f)));
            var got = Normalise(File.ReadAllText(Path.Combine(site, f)));
            if (want != got) failures.AppendLine(FirstDifference(f, want, got));
        }
        Assert.True(failures.Length == 0, failures + "(set KBGEN_UPDATE_GOLDEN=1 to accept the new output, then review the diff)");
    }

    private static string Normalise(string s) => s.Replace("\r\n", "\n");

    private static string FirstDifference(string file, string want, string got)
    {
        var a = want.Split('\n');
        var b = got.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end of file>";
            var y = i < b.Length ? b[i] : "<end of file>";
            if (x != y) return $"{file}:{i + 1}\n  expected: {x}\n  actual:   {y}";
        }
        return file + ": differs";
    }
}
