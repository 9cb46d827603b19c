using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>Every citation resolves; every clinician claim cites; every reference is cited
/// (a warning), and by something other than drafts.</summary>
public sealed class CitationRule : IValidationRule
{
    public void CheckTopic(Topic topic, RuleContext context, DiagnosticBag diagnostics)
    {
        foreach (var text in ClaimWalk.AllText(topic))
            foreach (var c in text.Citations)
                if (!context.KnownReferences.Contains(c.ReferenceId))
                    diagnostics.Add(DiagnosticCodes.UnknownReference, c.Span,
                        $"citation [@{c.ReferenceId}] names no reference (no references/{c.ReferenceId}.yaml){Loading.Yaml.MapReader.Suggest(c.ReferenceId, context.SortedReferences.ToList())}");
        foreach (var claim in ClaimWalk.ClinicianClaims(topic))
            if (claim.Citations.Count == 0 && !claim.IsEmpty)
                diagnostics.Add(DiagnosticCodes.UncitedClaim, claim.Span, "clinician claim has no citation; add [@reference-id]");
    }

    public void CheckKnowledgeBase(KnowledgeBase kb, RuleContext context, Func<Topic, IReadOnlyCollection<string>> citedIds, DiagnosticBag diagnostics)
    {
        var citedBy = new Dictionary<string, List<Topic>>(StringComparer.Ordinal);
        foreach (var topic in kb.Topics)
            foreach (var id in citedIds(topic))
            {
                if (!citedBy.TryGetValue(id, out var list)) citedBy[id] = list = [];
                list.Add(topic);
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
}
