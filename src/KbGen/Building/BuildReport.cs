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
    /// <summary>Topics whose files were reused from the previous output instead of rendered.</summary>
    public IReadOnlyList<string> ReusedTopics { get; init; } = [];
    /// <summary>Why the build cache was not used, when there was one.</summary>
    public string? CacheRejected { get; init; }
    /// <summary>Where the html stage's time went: topic pages, then each page that lists topics.</summary>
    public IReadOnlyList<(string Part, TimeSpan Time)> HtmlParts { get; init; } = [];
    public int Errors => Diagnostics.Count(d => d.IsError);
    public int Warnings => Diagnostics.Count(d => !d.IsError);
}
