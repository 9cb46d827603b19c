using KbGen.Diagnostics;
using KbGen.Tests.Support;

namespace KbGen.Tests.Hardening;

/// <summary>Each hostile payload placed in every text field at once: `kbgen check` must report the
/// code the design asks for (KB2009 raw HTML and KB2010 unsafe links in Markdown fields, KB2017
/// bidi and control characters anywhere, KB2010 for a non-http url) at that field, and nothing
/// at the fields that must accept it as text.</summary>
public sealed class HostileCheckTests
{
    public static TheoryData<string> Names() => new(HostileContent.Payloads.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Check_rejects_exactly_what_the_design_forbids(string name)
    {
        var payload = HostileContent.Get(name);
        using var tree = ContentTree.Create(kb: null);
        HostileContent.Write(tree.Content, _ => payload.Text);
        var (_, found) = tree.Check();
        var errors = found.Where(d => d.Severity == Severity.Error).ToList();
        var span = payload.Text.Count(c => c == '\n');

        var problems = new List<string>();
        var explained = new HashSet<Found>();
        foreach (var field in HostileContent.Fields)
        {
            var last = field.RawMarkdown ? field.Line + span : field.Line;
            var here = errors.Where(e => e.File == field.File && e.Line >= field.Line && e.Line <= last).ToList();
            var expected = HostileContent.ExpectedCode(payload, field);
            if (expected is null)
            {
                if (here.Count > 0) problems.Add($"{field.Name} ({field.Kind}) must accept it but got: {string.Join("; ", here)}");
            }
            else if (!here.Any(e => e.Code == expected))
                problems.Add($"{field.Name} ({field.Kind}) must give {expected} but got: {(here.Count == 0 ? "nothing" : string.Join("; ", here))}");
            foreach (var e in here.Where(e => e.Code == expected || HostileContent.AlsoAllowed(payload, field, e.Code))) explained.Add(e);
        }
        foreach (var e in errors.Where(e => !explained.Contains(e)))
            problems.Add("unexpected: " + e);
        Assert.True(problems.Count == 0, $"payload {name} ({payload.Class}):\n" + string.Join("\n", problems.Distinct()));
    }

    /// <summary>The tree the build tests use (every field holding everything it must accept) checks clean.</summary>
    [Fact]
    public void Accepted_tree_checks_without_errors()
    {
        using var tree = ContentTree.Create(kb: null);
        HostileContent.Write(tree.Content, HostileContent.AcceptedValue);
        var (_, found) = tree.Check();
        Assert.DoesNotContain(found, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Corpus_has_every_class_and_field()
    {
        Assert.True(HostileContent.Payloads.Count >= 40);
        foreach (var c in new[] { "html", "link", "control", "text", "url" })
            Assert.Contains(HostileContent.Payloads, p => p.Class == c);
        Assert.Equal(36, HostileContent.Fields.Count);
    }
}
