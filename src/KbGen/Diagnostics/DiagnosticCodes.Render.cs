namespace KbGen.Diagnostics;

public static partial class DiagnosticCodes
{
    // KB9xxx: templates, rendering and output
    public static readonly DiagnosticDescriptor TemplateError = E("KB9101", "Template error (syntax, unknown variable or missing partial)", "{{titel}} in templates/topic.hbs");
    public static readonly DiagnosticDescriptor TemplateMissing = E("KB9102", "Required template not found", "--templates folder without page.hbs and no built-in one");
    public static readonly DiagnosticDescriptor OutputFailed = E("KB9201", "Output could not be written", "no permission to write beside the output folder");
    public static readonly DiagnosticDescriptor ChartTooLarge = E("KB9301", "Algorithm chart cannot fit the paper at the minimum text size", "a 60-node algorithm on A4 with --paper a4");
}
