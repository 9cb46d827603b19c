using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>No date lies in the future; "updated" is not before the first review step.</summary>
public sealed class DateRule : IValidationRule
{
    public void CheckTopic(Topic t, RuleContext context, DiagnosticBag diagnostics)
    {
        var today = context.Today;
        if (t.Updated > today)
            diagnostics.Add(DiagnosticCodes.FutureDate, t.UpdatedSpan, $"updated date {t.Updated:yyyy-MM-dd} is in the future");
        foreach (var step in t.Review.History)
            if (step.Date > today)
                diagnostics.Add(DiagnosticCodes.FutureDate, step.Span, $"review step date {step.Date:yyyy-MM-dd} is in the future");
    }

    public void CheckKnowledgeBase(KnowledgeBase kb, RuleContext context, Func<Topic, IReadOnlyCollection<string>> citedIds, DiagnosticBag diagnostics)
    {
        var today = context.Today;
        foreach (var r in kb.References)
        {
            if (r.Epub is { } e && e > today)
                diagnostics.Add(DiagnosticCodes.FutureDate, r.EpubSpan, $"epub date {e:yyyy-MM-dd} is in the future");
            if (r.Year > today.Year)
                diagnostics.Add(DiagnosticCodes.FutureDate, r.YearSpan, $"year {r.Year} is in the future");
        }
    }
}
