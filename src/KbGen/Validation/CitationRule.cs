using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>Every citation resolves; every clinician claim cites; every reference is cited
/// (a warning), and by something other than drafts.</summary>
public sealed class CitationRule : IValidationRule
{
    public void Check(KnowledgeBase kb, ValidationContext context, DiagnosticBag diagnostics)
    {
        var known = kb.References.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var citedBy = new Dictionary<string, List<Topic>>(StringComparer.Ordinal);
        foreach (var topic in kb.Topics)
        {
            foreach (var text in ClaimWalk.AllText(topic))
                foreach (var c in text.Citations)
                {
                    if (!known.Contains(c.ReferenceId))
                        diagnostics.Add(DiagnosticCodes.UnknownReference, c.Span,
                            $"citation [@{c.ReferenceId}] names no reference (no references/{c.ReferenceId}.yaml){Suggest(c.ReferenceId, known)}");
                    if (!citedBy.TryGetValue(c.ReferenceId, out var list)) citedBy[c.ReferenceId] = list = [];
                    // A topic's citations come together: it is already listed only if it is last.
                    // (Contains compared whole Topic records against every topic listed so far.)
                    if (list.Count == 0 || !ReferenceEquals(list[^1], topic)) list.Add(topic);
                }
            foreach (var claim in ClaimWalk.ClinicianClaims(topic))
                if (claim.Citations.Count == 0 && !claim.IsEmpty)
                    diagnostics.Add(DiagnosticCodes.UncitedClaim, claim.Span, "clinician claim has no citation; add [@reference-id]");
        }
        // Archived revisions cite the references frozen with them, so they keep nothing alive here.
        foreach (var r in kb.References)
        {
            if (!citedBy.TryGetValue(r.Id, out var topics))
                diagnostics.Add(DiagnosticCodes.UncitedReference, r.Span, $"reference '{r.Id}' is not cited by any topic");
            else if (topics.All(t => t.Review.Status == ReviewStatus.Draft))
                diagnostics.Add(DiagnosticCodes.CitedOnlyByDraft, r.Span,
                    $"reference '{r.Id}' is cited only by draft topics ({string.Join(", ", topics.Select(t => t.Id))}); it appears in no published page");
        }
    }

    private static string Suggest(string id, HashSet<string> known) =>
        Loading.Yaml.MapReader.Suggest(id, known.OrderBy(k => k, StringComparer.Ordinal).ToList());
}
