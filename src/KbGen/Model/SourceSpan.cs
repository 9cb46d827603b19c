namespace KbGen.Model;

/// <summary>Where something came from: a file and a 1-based line and column.
/// Every model node carries one so that any later stage can point at the source.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    public static readonly SourceSpan None = new("", 0, 0);
    public bool IsKnown => Line > 0;
    public static SourceSpan FileStart(string file) => new(file, 1, 1);
    public override string ToString() => IsKnown ? $"{File}({Line},{Column})" : File;
}
