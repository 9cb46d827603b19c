using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace KbGen.Loading.Markdown;

public sealed class CitationExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<CitationParser>())
            pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new CitationParser());
    }

    // Rendering of citations depends on each topic's numbering, so renderers add their own.
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }
}
