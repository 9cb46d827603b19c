namespace KbGen.Rendering.Chart;

/// <summary>Landscape paper sizes in points (width &gt; height).</summary>
public static class PaperSize
{
    public static readonly IReadOnlyList<string> Names = ["a4", "letter", "a3", "tabloid"];

    public static bool TryGet(string name, out double width, out double height)
    {
        (width, height) = name.ToLowerInvariant() switch
        {
            "a4" => (841.89, 595.28),
            "a3" => (1190.55, 841.89),
            "letter" => (792.0, 612.0),
            "tabloid" => (1224.0, 792.0),
            _ => (0.0, 0.0),
        };
        return width > 0;
    }
}
