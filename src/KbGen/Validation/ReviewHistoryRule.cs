using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>The review history is a legal walk through the states, in date order, ending at the
/// topic's status. Legal: draft→submitted→under-review→approved; under-review→draft (changes
/// requested); approved→draft (a new revision). A history starts from an implicit draft.</summary>
public sealed class ReviewHistoryRule : IValidationRule
{
    public static bool IsLegal(ReviewStatus from, ReviewStatus to) => (from, to) switch
    {
        (ReviewStatus.Draft, ReviewStatus.Submitted) => true,
        (ReviewStatus.Submitted, ReviewStatus.UnderReview) => true,
        (ReviewStatus.UnderReview, ReviewStatus.Approved) => true,
        (ReviewStatus.UnderReview, ReviewStatus.Draft) => true,
        (ReviewStatus.Approved, ReviewStatus.Draft) => true,
        _ => false,
    };

    public static IEnumerable<ReviewStatus> LegalNext(ReviewStatus from) =>
        Enum.GetValues<ReviewStatus>().Where(to => IsLegal(from, to));

    public void CheckTopic(Topic topic, RuleContext context, DiagnosticBag diagnostics) => CheckTopic(topic.Review, diagnostics);

    public static void CheckTopic(Review review, DiagnosticBag diagnostics)
    {
        var state = ReviewStatus.Draft;
        DateOnly? last = null;
        var first = true;
        foreach (var step in review.History)
        {
            var legal = IsLegal(state, step.Status) || (first && step.Status == ReviewStatus.Draft);
            if (!legal)
                diagnostics.Add(DiagnosticCodes.IllegalTransition, step.Span,
                    $"'{step.Status.ToName()}' cannot follow '{state.ToName()}'; after '{state.ToName()}' comes {string.Join(" or ", LegalNext(state).Select(s => $"'{s.ToName()}'"))}");
            if (last is { } prev && step.Date < prev)
                diagnostics.Add(DiagnosticCodes.DatesOutOfOrder, step.Span, $"review step dated {step.Date:yyyy-MM-dd} comes after one dated {prev:yyyy-MM-dd}");
            state = step.Status;
            last = step.Date;
            first = false;
        }
        if (state != review.Status)
            diagnostics.Add(DiagnosticCodes.StatusMismatch, review.Span,
                $"review.status is '{review.Status.ToName()}' but the history ends at '{state.ToName()}'; use kbgen review to change status");
    }
}
