namespace KbGen.Rendering.Layout;

public enum FontStyleKind { Regular, Bold, Italic, BoldItalic }

/// <summary>Text metrics, kept apart from any drawing library so that layout (handouts and
/// charts) can be tested with plain fake metrics. Sizes are in points.</summary>
public interface ITextMeasurer
{
    double Width(string text, FontStyleKind style, double size);
    /// <summary>Distance between baselines for one line of the given size.</summary>
    double LineHeight(FontStyleKind style, double size);
    /// <summary>Distance from the top of a line box to its baseline.</summary>
    double Ascent(FontStyleKind style, double size);
}
