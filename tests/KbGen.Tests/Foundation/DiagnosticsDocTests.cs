using System.Text.RegularExpressions;
using KbGen.Diagnostics;
using KbGen.Tests.Support;

namespace KbGen.Tests.Foundation;

/// <summary>docs/diagnostics.md lists exactly the codes of the catalogue, with their severity and title.</summary>
public sealed partial class DiagnosticsDocTests
{
    [GeneratedRegex(@"^\|\s*(?<code>KB\d{4})\s*\|\s*(?<sev>error|warning)\s*\|\s*(?<title>.*?)\s*\|\s*(?<example>.*?)\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();

    private static Dictionary<string, (string Severity, string Title, string Example)> Documented()
    {
        var text = File.ReadAllText(RepoRoot.Combine("docs", "diagnostics.md"));
        var rows = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        foreach (Match m in Row().Matches(text))
        {
            Assert.True(rows.TryAdd(m.Groups["code"].Value, (m.Groups["sev"].Value, m.Groups["title"].Value.Replace("\\|", "|"), m.Groups["example"].Value)),
                $"{m.Groups["code"].Value} is listed twice in docs/diagnostics.md");
        }
        return rows;
    }

    [Fact]
    public void Every_catalogue_code_is_documented()
    {
        var doc = Documented();
        var missing = DiagnosticCodes.All.Where(d => !doc.ContainsKey(d.Code)).Select(d => d.Code).ToList();
        Assert.True(missing.Count == 0, "missing from docs/diagnostics.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_documented_code_exists()
    {
        var extra = Documented().Keys.Where(c => DiagnosticCodes.Find(c) is null).ToList();
        Assert.True(extra.Count == 0, "docs/diagnostics.md lists codes the catalogue does not have: " + string.Join(", ", extra));
    }

    [Fact]
    public void Severity_title_and_example_match_the_catalogue()
    {
        var doc = Documented();
        foreach (var d in DiagnosticCodes.All)
        {
            if (!doc.TryGetValue(d.Code, out var row)) continue; // reported by the test above
            Assert.Equal(d.Severity == Severity.Error ? "error" : "warning", row.Severity);
            Assert.Equal(d.Title, row.Title);
            Assert.False(string.IsNullOrWhiteSpace(row.Example), $"{d.Code} has no example");
        }
    }

    [Fact]
    public void Catalogue_codes_are_unique_and_well_formed()
    {
        var all = DiagnosticCodes.All;
        Assert.Equal(all.Count, all.Select(d => d.Code).Distinct().Count());
        Assert.All(all, d => Assert.Matches(@"^KB[1-9]\d{3}$", d.Code));
        Assert.All(all, d => Assert.False(string.IsNullOrWhiteSpace(d.Example)));
    }
}
