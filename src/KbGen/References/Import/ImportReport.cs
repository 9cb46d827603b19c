using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.References.Import;

/// <summary>A reference written (or, in a dry run, that would be written) and the record it came from.</summary>
public sealed record AddedReference(string Id, string Path, SourceSpan Source, Reference Reference);

/// <summary>A record not imported because <see cref="ExistingId"/> already holds it; Reason says
/// which key matched ("same DOI 10.1/x").</summary>
public sealed record SkippedDuplicate(SourceSpan Source, string ExistingId, string Reason);

public sealed record ImportReport(
    IReadOnlyList<AddedReference> Added,
    IReadOnlyList<SkippedDuplicate> SkippedDuplicates,
    IReadOnlyList<Diagnostic> Failed,
    IReadOnlyList<Diagnostic> Warnings)
{
    public bool HasErrors => Failed.Count > 0;

    /// <summary>Everything to print, as diagnostics: failures, warnings and one KB8005 per skipped duplicate.</summary>
    public IReadOnlyList<Diagnostic> AllDiagnostics() =>
        Failed.Concat(Warnings)
            .Concat(SkippedDuplicates.Select(s => new Diagnostic(DiagnosticCodes.DuplicateSkipped.Severity, DiagnosticCodes.DuplicateSkipped.Code,
                s.Source, $"skipped: {s.Reason} as references/{s.ExistingId}.yaml")))
            .ToList();
}
