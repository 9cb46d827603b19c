// Layout engine: measures blocks and paginates them. Knows no PDF library.
//
// Public API in short:
//   Blocks (immutable records): Heading(level, text, id), Paragraph(runs | text), Run(text, style)
//     {Link, Superscript, Color}, BulletList(items){Ordered, Indent}, ListItem(blocks | text),
//     Callout(title, blocks){Background, Border, Padding}, ImageBlock(bytes, pxW, pxH) or
//     ImageBlock.FromBytes(bytes), Rule(), Spacer(height), Stack(blocks).
//     Every block has SpaceBefore, SpaceAfter, KeepWithNext (Heading sets it).
//   Page: PageSpec.A4 with { Margins, HeaderHeight, FooterHeight, Header, Footer } or
//     PageSpec.A4.WithPageNumbers("Page {0} of {1}").
//   Run it: new LayoutEngine(measurer).Paginate(blocks, page) → LaidOutDocument:
//     Pages[i].Commands (TextCommand, RectCommand, ImageCommand, LineCommand; points, top-left
//     origin, y down) and Pages[i].Headings / Outline (OutlineEntry: level, text, page, y).
//   Paint it: KbGen.Rendering.Pdf.PdfPainter (PDFsharp), or anything else that reads commands.
//   Custom blocks: derive from Block and implement Measure(context, region) → Plan
//     (Nothing | Partial(part, remainder) | Full | CannotFit), as QuestPDF elements do.
namespace KbGen.Rendering.Layout;

public sealed class LayoutEngine(ITextMeasurer measurer)
{
    private const int MaxPages = 10_000;

    public ITextMeasurer Measurer { get; } = measurer;

    /// <summary>Places the blocks page by page, then draws header and footer blocks, which may
    /// use the page count. Throws <see cref="LayoutException"/> for a block that cannot fit even
    /// on an empty page.</summary>
    public LaidOutDocument Paginate(IEnumerable<Block> blocks, PageSpec page)
    {
        if (page.ContentWidth <= 0 || page.ContentHeight <= 0)
            throw new LayoutException("The margins, header and footer leave no room for content");
        var context = new LayoutContext(Measurer);
        var region = new Region(page.ContentWidth, page.ContentHeight, true, page.ContentHeight);
        var bodies = new List<Plan>();
        Block? rest = new Stack(blocks.ToList());
        while (rest != null)
        {
            if (bodies.Count >= MaxPages) throw new LayoutException($"More than {MaxPages} pages: layout does not progress");
            var plan = rest.Measure(context, region);
            switch (plan.Kind)
            {
                case PlanKind.Full: rest = null; break;
                case PlanKind.Partial: rest = plan.Remainder; break;
                default: throw new LayoutException(plan.Reason ?? "A block does not fit on an empty page");
            }
            bodies.Add(plan);
        }

        var pages = new List<LaidOutPage>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            var frag = new Fragment();
            frag.Add(bodies[i], page.ContentLeft, page.ContentTop);
            AddFurniture(frag.Commands, page.Header?.Invoke(i + 1, bodies.Count), page.Margins.Top, page.HeaderHeight, page, context);
            AddFurniture(frag.Commands, page.Footer?.Invoke(i + 1, bodies.Count), page.Height - page.Margins.Bottom - page.FooterHeight, page.FooterHeight, page, context);
            var headings = frag.Anchors.Select(a => new OutlineEntry(a.Level, a.Text, a.Id, i, a.Y)).ToList();
            pages.Add(new LaidOutPage(i, frag.Commands, headings));
        }
        return new LaidOutDocument(page, pages);
    }

    /// <summary>Header and footer content is page furniture (an artifact for tagging); whatever
    /// does not fit in the reserved height is dropped rather than moved to another page.</summary>
    private static void AddFurniture(List<DrawCommand> commands, Block? block, double top, double height, PageSpec page, LayoutContext context)
    {
        if (block == null || height <= 0) return;
        var plan = block.Measure(context, new Region(page.ContentWidth, height, true, height));
        if (!plan.Places) return;
        foreach (var c in plan.Commands)
            commands.Add(c.Offset(page.ContentLeft, top) with { Role = ContentRole.PageFurniture });
    }
}
