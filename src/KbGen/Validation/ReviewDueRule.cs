using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>An approved topic whose last approval is older than review-interval-months is due.</summary>
public sealed class ReviewDueRule : IValidationRule
{
    public static DateOnly? DueDate(Topic t, KbSettings s) =>
        t.Review.LastApproval is { } a ? a.Date.AddMonths(s.ReviewIntervalMonths) : null;

    public void CheckTopic(Topic t, RuleContext context, DiagnosticBag diagnostics)
    {
        if (t.Review.Status != ReviewStatus.Approved || DueDate(t, context.Settings) is not { } due) return;
        if (due < context.Today)
            diagnostics.Add(DiagnosticCodes.ReviewDue, t.Review.Span,
                $"topic '{t.Id}' was last approved on {t.Review.LastApproval!.Date:yyyy-MM-dd}; its review was due on {due:yyyy-MM-dd} (every {context.Settings.ReviewIntervalMonths} months)");
    }
}
