using KbGen.Diagnostics;
using KbGen.Loading;
using KbGen.Model;
using KbGen.Tests.Support;
using KbGen.Validation;

namespace KbGen.Tests.Foundation;

/// <summary>The sample knowledge base in content/ loads into the model we expect, with positions.</summary>
public sealed class SampleContentTests
{
    private const string Lumbar = "lumbar-compression-fracture-pain";
    private const string Osteo = "osteoporotic-vertebral-fracture-back-pain";

    private static LoadResult Load(DateOnly today) => KbLoad.LoadAndValidate(RepoRoot.SampleContent, new ValidationContext(today));

    private static string Rel(SourceSpan s) => Path.GetRelativePath(RepoRoot.SampleContent, s.File).Replace('\\', '/');

    [Fact]
    public void Loads_with_the_expected_counts()
    {
        var kb = Load(new DateOnly(2026, 1, 15)).KnowledgeBase!;
        Assert.Equal([Lumbar, Osteo], kb.Topics.Select(t => t.Id));
        Assert.Equal(["francis-2008", "kb-guideline"], kb.References.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["editorial-policy", "disclaimer"], kb.Pages.Select(p => p.Name));
        Assert.Equal(["riverside"], kb.Clinics.Select(c => c.Id));
        Assert.Empty(kb.Archive);
        Assert.Equal("https://kb.example.org/", kb.Settings.BaseUrl);
        Assert.Equal(12, kb.Settings.ReviewIntervalMonths);

        var lumbar = kb.Topics[0];
        var osteo = kb.Topics[1];
        // Bottom line + clinician items (nested, red flags) + pitfalls.
        Assert.Equal(33, ClaimWalk.ClinicianClaims(lumbar).Count());
        Assert.Equal(17, ClaimWalk.ClinicianClaims(osteo).Count());
        Assert.Equal(5, lumbar.Clinician.Sections.Count);
        Assert.Equal(3, lumbar.Patient.Sections.Count);
        Assert.Equal(6, lumbar.Pitfalls.Count);
        Assert.Equal(3, osteo.Pitfalls.Count);
        Assert.Equal(ReviewStatus.Approved, lumbar.Review.Status);
        Assert.Equal(ReviewStatus.UnderReview, osteo.Review.Status);
        Assert.Equal(3, lumbar.Review.History.Count);
        Assert.Equal(3, lumbar.Algorithm!.Phases.Count);
        Assert.Equal("suspected", lumbar.Algorithm.Start);
        Assert.All(ClaimWalk.ClinicianClaims(lumbar).Concat(ClaimWalk.ClinicianClaims(osteo)), c => Assert.NotEmpty(c.Citations));
        Assert.Equal("letter", kb.Clinics[0].Paper);
        Assert.NotNull(kb.Clinics[0].LogoPath);
    }

    [Fact]
    public void Nodes_keep_their_positions()
    {
        var kb = Load(new DateOnly(2026, 1, 15)).KnowledgeBase!;
        var lumbar = kb.Topics[0];
        Assert.Equal(("topics/" + Lumbar + ".yaml", 5, 1), (Rel(lumbar.Span), lumbar.Span.Line, lumbar.Span.Column));
        Assert.Equal((9 + 1, 3), (lumbar.Review.Span.Line, lumbar.Review.Span.Column));            // review: mapping starts at "status"
        Assert.Equal((12, 7), (lumbar.Review.History[0].Span.Line, lumbar.Review.History[0].Span.Column)); // the '{'
        Assert.Equal((16, 10), (lumbar.Summary.Span.Line, lumbar.Summary.Span.Column));           // the '>-'
        var cite = lumbar.Summary.Citations.Single();
        Assert.Equal(("kb-guideline", 20, 17), (cite.ReferenceId, cite.Span.Line, cite.Span.Column)); // "  complications [@kb-guideline]."
        Assert.Equal((24, 7), (lumbar.Clinician.Sections[0].Span.Line, lumbar.Clinician.Sections[0].Span.Column));
        var node = lumbar.Algorithm!.Nodes[0];
        Assert.Equal(("suspected", 193, 7), (node.Id, node.Span.Line, node.Span.Column));
        var francis = kb.FindReference("francis-2008")!;
        Assert.Equal(("references/francis-2008.yaml", 2, 1), (Rel(francis.Span), francis.Span.Line, francis.Span.Column));
        Assert.Equal("pages/disclaimer.md", Rel(kb.Pages[1].Span));
    }

    [Fact]
    public void Has_no_errors_and_only_review_due_once_past_the_interval()
    {
        var before = Load(new DateOnly(2026, 1, 15));
        Assert.Empty(before.Diagnostics);

        var after = Load(new DateOnly(2026, 10, 10)); // the lumbar topic was approved 2025-10-09, interval 12 months
        var d = Assert.Single(after.Diagnostics);
        Assert.Equal((DiagnosticCodes.ReviewDue.Code, Severity.Warning), (d.Code, d.Severity));
        Assert.Equal(("topics/" + Lumbar + ".yaml", 10, 3), (Rel(d.Span), d.Span.Line, d.Span.Column));
        Assert.False(after.HasErrors);
    }
}
