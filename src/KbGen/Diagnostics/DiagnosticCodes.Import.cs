namespace KbGen.Diagnostics;

public static partial class DiagnosticCodes
{
    // KB8xxx: importing references (kbgen refs import)
    public static readonly DiagnosticDescriptor UnreadableRecord = E("KB8001", "Record cannot be read", "@article{x, title = {unclosed");
    public static readonly DiagnosticDescriptor UnknownImportFormat = E("KB8002", "File is not PubMed MEDLINE, RIS or BibTeX", "a .txt holding a CSV export");
    public static readonly DiagnosticDescriptor RecordMissingField = E("KB8003", "Record lacks title, year, or authors and organization", "a PubMed record with no TI line");
    public static readonly DiagnosticDescriptor ImportFileUnreadable = E("KB8004", "Import file cannot be read", "seeds/missing.nbib does not exist");
    public static readonly DiagnosticDescriptor DuplicateSkipped = W("KB8005", "Record duplicates a reference already present; skipped", "same DOI as references/francis-2008.yaml");
    public static readonly DiagnosticDescriptor UndefinedBibMacro = E("KB8006", "BibTeX @string macro is not defined", "journal = osteoint with no @string{osteoint = ...}");
    public static readonly DiagnosticDescriptor ReferenceWriteFailed = E("KB8007", "Reference file cannot be written", "content/references is read-only");
    public static readonly DiagnosticDescriptor ExistingReferenceUnreadable = W("KB8008", "Existing reference could not be read for duplicate checks", "references/x.yaml with a YAML syntax error");
}
