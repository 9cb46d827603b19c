namespace KbGen.Rendering.Layout;

public readonly record struct Margins(double Top, double Right, double Bottom, double Left)
{
    public static Margins All(double v) => new(v, v, v, v);
}

/// <summary>Page size and margins in points. Header and footer heights are reserved inside the
/// margins; their blocks are made per page once the page count is known.</summary>
public sealed record PageSpec(double Width, double Height)
{
    public static PageSpec A4 => new(595.28, 841.89);
    public static PageSpec Letter => new(612, 792);

    public Margins Margins { get; init; } = Margins.All(56.69); // 2 cm
    public double HeaderHeight { get; init; }
    public double FooterHeight { get; init; }
    /// <summary>(page number from 1, page count) → block drawn in the header area, or null.</summary>
    public Func<int, int, Block?>? Header { get; init; }
    /// <summary>(page number from 1, page count) → block drawn in the footer area, or null.</summary>
    public Func<int, int, Block?>? Footer { get; init; }

    public double ContentLeft => Margins.Left;
    public double ContentTop => Margins.Top + HeaderHeight;
    public double ContentWidth => Width - Margins.Left - Margins.Right;
    public double ContentHeight => Height - Margins.Top - Margins.Bottom - HeaderHeight - FooterHeight;

    /// <summary>A footer "Page 2 of 3" (format: {0} page number, {1} page count), right-aligned.</summary>
    public PageSpec WithPageNumbers(string format = "Page {0} of {1}", double size = 8, double height = 18) => this with
    {
        FooterHeight = height,
        Footer = (n, count) => new Paragraph(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, n, count))
        {
            Size = size, Align = TextAlign.Right, Color = Rgb.Gray(90), Role = ContentRole.PageFurniture,
        },
    };
}

/// <summary>One laid-out page: draw commands in page coordinates (points, top-left origin) and
/// the headings that start on it.</summary>
public sealed record LaidOutPage(int Index, IReadOnlyList<DrawCommand> Commands, IReadOnlyList<OutlineEntry> Headings);

public sealed record LaidOutDocument(PageSpec Page, IReadOnlyList<LaidOutPage> Pages)
{
    /// <summary>All headings in document order, for bookmarks.</summary>
    public IEnumerable<OutlineEntry> Outline => Pages.SelectMany(p => p.Headings);
}
