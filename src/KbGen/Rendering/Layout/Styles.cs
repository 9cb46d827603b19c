using System.Globalization;

namespace KbGen.Rendering.Layout;

/// <summary>An sRGB colour; a value so that commands compare and hash by content.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb Black = new(0, 0, 0);
    public static readonly Rgb White = new(255, 255, 255);

    public static Rgb Gray(byte level) => new(level, level, level);

    /// <summary>Parses "#rrggbb" or "#rgb" (the leading # is optional).</summary>
    public static Rgb Parse(string hex)
    {
        var s = hex.TrimStart('#');
        if (s.Length == 3) s = string.Concat(s.Select(c => new string(c, 2)));
        if (s.Length != 6) throw new FormatException($"Not a colour: '{hex}'");
        var v = int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}

public enum TextAlign { Left, Center, Right }

/// <summary>A stretch of text in one style. Paragraph text is a list of runs; line breaks may
/// fall inside a run or between runs.</summary>
public sealed record Run(string Text, FontStyleKind Style = FontStyleKind.Regular)
{
    /// <summary>URL the text links to (drawn as a clickable annotation by the PDF painter).</summary>
    public string? Link { get; init; }
    /// <summary>Smaller and raised, e.g. citation numbers.</summary>
    public bool Superscript { get; init; }
    /// <summary>Overrides the paragraph colour.</summary>
    public Rgb? Color { get; init; }

    public static Run Bold(string text) => new(text, FontStyleKind.Bold);
    public static Run Italic(string text) => new(text, FontStyleKind.Italic);
    public static Run Url(string text, string url) => new(text) { Link = url };
}

/// <summary>What a piece of drawn content is, for tagged PDF and tests. Decoration and
/// PageFurniture are artifacts (not read aloud).</summary>
public enum ContentRole { Paragraph, Heading1, Heading2, Heading3, ListLabel, Figure, Decoration, PageFurniture }
