namespace KbGen.References.Import;

internal static class SourceLines
{
    /// <summary>Lines without their endings (\n, \r\n or \r), BOM removed, so line numbers match an editor's.</summary>
    public static string[] Split(string text) =>
        text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
}
