using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>A draft may be unfinished (warnings say what is missing); anything further along the
/// review must have a bottom line, clinician sections and a patient version.</summary>
public sealed class NeedsContentRule : IValidationRule
{
    public void CheckTopic(Topic t, RuleContext context, DiagnosticBag diagnostics)
    {
        var draft = t.Review.Status == ReviewStatus.Draft;
        void Missing(string what)
        {
            if (draft) diagnostics.Add(DiagnosticCodes.NeedsContent, t.Span, $"topic '{t.Id}' needs content: {what}");
            else diagnostics.Add(DiagnosticCodes.MissingKey, t.Span, $"topic '{t.Id}' is {t.Review.Status.ToName()} but lacks {what}");
        }
        if (t.Summary.IsEmpty) Missing("a bottom line ('summary')");
        if (t.Clinician.Sections.Count == 0) Missing("clinician sections");
        if (t.Patient.Sections.Count == 0 && t.Patient.Summary is null) Missing("a patient version");
    }
}
