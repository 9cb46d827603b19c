using KbGen.Diagnostics;

namespace KbGen.Publishing;

/// <summary>Done: the change was made. Refused: the content does not allow it (exit 1), nothing
/// was written. BadRequest: the request itself is wrong, e.g. an unknown topic (exit 2).</summary>
public enum WorkflowResult { Done, Refused, BadRequest }

public sealed record WorkflowOutcome(WorkflowResult Result, string Message, string? Path = null, int? Version = null)
{
    public IReadOnlyList<Diagnostic> Problems { get; init; } = [];

    public static WorkflowOutcome Refuse(string message, IReadOnlyList<Diagnostic>? problems = null) =>
        new(WorkflowResult.Refused, message) { Problems = problems ?? [] };

    public static WorkflowOutcome Bad(string message) => new(WorkflowResult.BadRequest, message);
}
