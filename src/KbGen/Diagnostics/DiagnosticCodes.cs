using System.Reflection;

namespace KbGen.Diagnostics;

/// <summary>The catalogue of stable codes. Split by area into partial files
/// (DiagnosticCodes.*.cs); docs/diagnostics.md lists every one (a test checks).
/// Ranges: KB1xxx files and YAML, KB2xxx schema, KB3xxx references and citations,
/// KB4xxx review and dates, KB5xxx algorithm, KB6xxx writing quality, KB7xxx archive and
/// publishing, KB8xxx import, KB9xxx templates, rendering and output.</summary>
public static partial class DiagnosticCodes
{
    private static DiagnosticDescriptor E(string code, string title, string example) => new(code, Severity.Error, title, example);
    private static DiagnosticDescriptor W(string code, string title, string example) => new(code, Severity.Warning, title, example);

    // Lazy: static fields of partial files initialise in no promised order.
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> _all = new(() => typeof(DiagnosticCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToList());

    public static IReadOnlyList<DiagnosticDescriptor> All => _all.Value;

    public static DiagnosticDescriptor? Find(string code) => All.FirstOrDefault(d => d.Code == code);
}
