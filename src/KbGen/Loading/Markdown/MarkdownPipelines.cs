using Markdig;

namespace KbGen.Loading.Markdown;

/// <summary>The one Markdig pipeline for content, built once and frozen (Markdig pipelines are
/// immutable and thread-safe). Raw HTML is disabled so that, even if validation were bypassed,
/// HTML in content is escaped text, never markup.</summary>
public static class MarkdownPipelines
{
    public static MarkdownPipeline Content { get; } = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .DisableHtml()
        .UsePreciseSourceLocation()
        .Use<CitationExtension>()
        .Build();

    /// <summary>The same, but keeping HTML nodes so that validation can find and reject them.</summary>
    public static MarkdownPipeline Validation { get; } = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .UsePreciseSourceLocation()
        .Use<CitationExtension>()
        .Build();
}
