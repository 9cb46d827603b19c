namespace KbGen.Output;

/// <summary>Where renderers write: paths are relative to the output root (site/…, pdf/…, charts/…).</summary>
public interface IOutputSink
{
    void WriteText(string relative, string text);
    void WriteBytes(string relative, ReadOnlySpan<byte> bytes);
}
