using KbGen.Rendering.Layout;
using PdfSharp.Drawing;
using PdfSharp.UniversalAccessibility;

namespace KbGen.Rendering.Pdf;

/// <summary>Opens and closes PDF structure elements as the painter draws commands. Consecutive
/// text of one role forms one element (a new paragraph starts after a gap bigger than a line);
/// images become Figures with their alt text; decoration and page furniture become artifacts.
/// This is tagging where PDFsharp can do it, not a PDF/UA conformance claim.</summary>
internal sealed class PdfTagger(UAManager ua)
{
    private enum Open { None, Text, Artifact }

    private readonly StructureBuilder _sb = ua.StructureBuilder;
    private Open _open = Open.None;
    private ContentRole _role;
    private double _lastBaseline, _lastSize;

    public void Before(DrawCommand command)
    {
        switch (command)
        {
            case TextCommand t when t.Role is ContentRole.Paragraph or ContentRole.Heading1 or ContentRole.Heading2 or ContentRole.Heading3:
                var continues = _open == Open.Text && _role == t.Role
                    && t.Baseline - _lastBaseline <= Math.Max(t.Size, _lastSize) * 1.6 && t.Baseline >= _lastBaseline - Math.Max(t.Size, _lastSize);
                if (!continues)
                {
                    Close();
                    _sb.BeginElement(t.Role switch
                    {
                        ContentRole.Heading1 => PdfBlockLevelElementTag.Heading1,
                        ContentRole.Heading2 => PdfBlockLevelElementTag.Heading2,
                        ContentRole.Heading3 => PdfBlockLevelElementTag.Heading3,
                        _ => PdfBlockLevelElementTag.Paragraph,
                    });
                    _open = Open.Text;
                    _role = t.Role;
                }
                _lastBaseline = t.Baseline;
                _lastSize = t.Size;
                break;
            case ImageCommand i:
                Close();
                _sb.BeginElement(PdfIllustrationElementTag.Figure, i.AltText ?? "Image", new XRect(i.X, i.Y, i.Width, i.Height));
                _open = Open.Text; // closed by whatever comes next
                _role = ContentRole.Figure;
                break;
            default:
                // List bullets, callout backgrounds, rules, page numbers: not content.
                if (_open != Open.Artifact) Artifact();
                break;
        }
    }

    public void Artifact()
    {
        Close();
        _sb.BeginArtifact();
        _open = Open.Artifact;
    }

    public void EndPage() => Close();

    private void Close()
    {
        if (_open != Open.None) _sb.End();
        _open = Open.None;
    }
}
