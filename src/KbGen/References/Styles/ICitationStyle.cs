using KbGen.Model;

namespace KbGen.References.Styles;

public interface ICitationStyle
{
    /// <summary>The name kb.yaml uses: "vancouver" or "ama".</summary>
    string Name { get; }
    FormattedReference Format(Reference reference);
}

/// <summary>The styles by name, so the site, the handouts and the chart format references alike.</summary>
public static class CitationStyles
{
    public static readonly ICitationStyle Vancouver = new VancouverStyle();
    public static readonly ICitationStyle Ama = new AmaStyle();

    public static IReadOnlyList<string> Names { get; } = ["vancouver", "ama"];

    public static bool TryGet(string? name, out ICitationStyle style)
    {
        style = name?.Trim().ToLowerInvariant() switch
        {
            "vancouver" => Vancouver,
            "ama" => Ama,
            _ => null!,
        };
        return style is not null;
    }

    public static ICitationStyle Get(string name) =>
        TryGet(name, out var s) ? s : throw new ArgumentException($"unknown citation style '{name}' (expected {string.Join(" or ", Names)})", nameof(name));

    public static FormattedReference Format(Reference reference, string style) => Get(style).Format(reference);
}
