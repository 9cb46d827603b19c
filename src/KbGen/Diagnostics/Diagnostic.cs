using KbGen.Model;

namespace KbGen.Diagnostics;

public enum Severity { Warning, Error }

/// <summary>A stable, documented kind of problem. Codes never change meaning once shipped.</summary>
public sealed record DiagnosticDescriptor(string Code, Severity Severity, string Title, string Example);

/// <summary>One problem at one place: <c>path(line,col): error KB1234: message</c>.</summary>
public sealed record Diagnostic(Severity Severity, string Code, SourceSpan Span, string Message)
{
    public bool IsError => Severity == Severity.Error;

    public override string ToString()
    {
        var where = Span.IsKnown ? $"{Span.File}({Span.Line},{Span.Column})" : Span.File.Length > 0 ? Span.File : "kbgen";
        var sev = Severity == Severity.Error ? "error" : "warning";
        return $"{where}: {sev} {Code}: {Message}";
    }
}
