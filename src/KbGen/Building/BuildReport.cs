using KbGen.Diagnostics;

namespace KbGen.Building;

public sealed record BuildReport(
    bool Succeeded,
    IReadOnlyList<Diagnostic> Diagnostics,
    int Pages,
    int Pdfs,
    int Charts,
    IReadOnlyList<(string Stage, TimeSpan Time)> Stages,
    TimeSpan Elapsed)
{
    public int Errors => Diagnostics.Count(d => d.IsError);
    public int Warnings => Diagnostics.Count(d => !d.IsError);
}
