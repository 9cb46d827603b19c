using System.Diagnostics;
using System.Text.RegularExpressions;
using KbGen.Tests.Support;

namespace KbGen.Tests.Foundation;

/// <summary>Runs every case of tests/bad-input/ through `kbgen check` and compares the exit code
/// and the diagnostics (path, line, column, severity, code; messages are not compared).</summary>
public sealed partial class BadInputCorpusTests
{
    public static TheoryData<string> Cases() => new(BadInputCase.Names());

    [GeneratedRegex(@"^(?<where>.*?)(\((?<line>\d+),(?<col>\d+)\))?: (?<sev>error|warning) (?<code>KB\d{4}):")]
    private static partial Regex DiagnosticLine();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        var work = Path.Combine(Path.GetTempPath(), "kbgen-bad-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var content = BadInputCase.Materialise(name, work);
            var (exit, actual, stderr, elapsed) = Check(content);

            Assert.DoesNotContain("   at ", stderr);            // never a stack trace
            Assert.DoesNotContain("internal error", stderr);
            Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{name} took {elapsed.TotalSeconds:0.0} s");

            var expectedFile = Path.Combine(BadInputCase.CorpusRoot, name, "expected.txt");
            var got = $"{exit}\n{string.Join("\n", actual)}";
            if (!File.Exists(expectedFile))
                Assert.Fail($"{name} has no expected.txt; it gives:\n{got}\n--- stderr:\n{stderr}");
            var (code, lines) = BadInputCase.Expected(name);
            Assert.Equal($"{code}\n{string.Join("\n", lines)}", got);
        }
        finally
        {
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }

    /// <summary>The cases span the classes the corpus is meant to cover, and enough of them.</summary>
    [Fact]
    public void Corpus_covers_each_class()
    {
        var names = BadInputCase.Names().ToList();
        Assert.True(names.Count >= 60, $"only {names.Count} cases");
        foreach (var prefix in new[] { "yaml-", "file-", "schema-", "semantic-", "accept-" })
            Assert.Contains(names, n => n.StartsWith(prefix, StringComparison.Ordinal));
        foreach (var n in names)
            Assert.True(File.Exists(Path.Combine(BadInputCase.CorpusRoot, n, "expected.txt")), $"{n} has no expected.txt");
    }

    public static (int Exit, IReadOnlyList<string> Diagnostics, string Stderr, TimeSpan Elapsed) Check(string content, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var sw = Stopwatch.StartNew();
        var exit = KbGen.Cli.Cli.Run(["check", "--content", content, .. extra], stdout, stderr);
        sw.Stop();
        var prefix = Path.GetFullPath(content).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var lines = new List<string>();
        foreach (var l in stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = DiagnosticLine().Match(l.TrimEnd('\r'));
            if (!m.Success) continue;
            var where = m.Groups["where"].Value;
            if (where.StartsWith(prefix, StringComparison.Ordinal)) where = where[prefix.Length..];
            else if (where == prefix.TrimEnd(Path.DirectorySeparatorChar)) where = ".";
            var pos = m.Groups["line"].Success ? $"({m.Groups["line"].Value},{m.Groups["col"].Value})" : "";
            lines.Add($"{where.Replace('\\', '/')}{pos}: {m.Groups["sev"].Value} {m.Groups["code"].Value}");
        }
        return (exit, lines, stderr.ToString(), sw.Elapsed);
    }
}
