using KbGen.Model;
using PdfSharp.Pdf;

namespace KbGen.Rendering.Chart;

/// <summary>What the poster shows besides the chart, and where it may go.</summary>
public sealed record ChartPdfRequest
{
    public required string TopicId { get; init; }
    public required string Title { get; init; }
    public required string Question { get; init; }
    /// <summary>e.g. "3" (published version) or "working copy".</summary>
    public string? Version { get; init; }
    public DateOnly? ApprovedOn { get; init; }
    /// <summary>Formatted references, numbered 1..n in this order (the superscripts' numbers).</summary>
    public IReadOnlyList<string> References { get; init; } = [];
    public string Disclaimer { get; init; } = "";
    /// <summary>a3 | a4 | letter | tabloid, always landscape.</summary>
    public string Paper { get; init; } = "a4";
    /// <summary>Papers to try in order when the chart does not fit on <see cref="Paper"/>.</summary>
    public IReadOnlyList<string> LargerPapers { get; init; } = [];
    public double MinTextSize { get; init; } = 8;
    public FontSet? Fonts { get; init; }
}

/// <summary>Either a document or a message for the user; never both.</summary>
public sealed record ChartPdfResult(PdfDocument? Document, string? Paper, double Scale, string? Error)
{
    public bool Success => Document is not null;
}
