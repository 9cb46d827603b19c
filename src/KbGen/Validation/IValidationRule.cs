using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>One check over the loaded model. Rules only read the model and report; they never fix.</summary>
public interface IValidationRule
{
    void Check(KnowledgeBase kb, ValidationContext context, DiagnosticBag diagnostics);
}

/// <summary>What rules need besides the model: today's date (pinned in tests) for "future" and "review due".</summary>
public sealed record ValidationContext(DateOnly Today)
{
    public static ValidationContext Now() => new(DateOnly.FromDateTime(DateTime.UtcNow));
}
