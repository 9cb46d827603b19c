using System.Text;

namespace KbGen.References.Styles;

/// <summary>Builds segments; neighbouring runs with the same look are merged so renderers get few.</summary>
internal sealed class SegmentBuilder
{
    private readonly List<Segment> _segments = [];

    public SegmentBuilder Text(string text) => Add(new Segment(text));
    public SegmentBuilder Italic(string text) => Add(new Segment(text, Italic: true));
    public SegmentBuilder Link(string text, string url) => Add(new Segment(text, Link: url));

    private SegmentBuilder Add(Segment s)
    {
        if (s.Text.Length == 0) return this;
        if (_segments.Count > 0 && _segments[^1] is var last && last.Link is null && s.Link is null && last.Italic == s.Italic)
            _segments[^1] = last with { Text = last.Text + s.Text };
        else _segments.Add(s);
        return this;
    }

    public FormattedReference Build()
    {
        // Trailing spaces left by optional parts are trimmed from the last run.
        if (_segments.Count > 0 && _segments[^1].Text.EndsWith(' ')) _segments[^1] = _segments[^1] with { Text = _segments[^1].Text.TrimEnd() };
        var plain = new StringBuilder();
        foreach (var s in _segments) plain.Append(s.Text);
        return new FormattedReference(plain.ToString(), _segments.ToList());
    }
}
