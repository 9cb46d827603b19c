using System.Security.Cryptography;
using System.Text;
using KbGen.Diagnostics;

namespace KbGen.Rendering.Html;

/// <summary>Compiled templates kept between the builds of one long-running process (`serve`):
/// Handlebars.Net compiles each template to code, which cost a rebuild more than rendering the
/// page that changed. A set is reused only while every template file (names and bytes) is the
/// same, and only if it was made without diagnostics, so that a template error is reported again
/// on every build until it is fixed.</summary>
public sealed class TemplateCache
{
    private readonly object _gate = new();
    private (string Key, TemplateSet Set)? _last;

    public TemplateSet Get(string builtInDir, string? userDir, DiagnosticBag diagnostics)
    {
        var key = KeyOf(builtInDir, userDir);
        lock (_gate)
            if (_last is { } last && last.Key == key) return last.Set;
        var bag = new DiagnosticBag();
        var set = new TemplateSet(builtInDir, userDir, bag);
        var found = bag.Sorted();
        diagnostics.AddRange(found);
        lock (_gate) _last = found.Count == 0 ? (key, set) : null;
        return set;
    }

    private static string KeyOf(string builtInDir, string? userDir)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in TemplateSet.AllFiles(builtInDir, userDir))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            try { hash.AppendData(SHA256.HashData(File.ReadAllBytes(file))); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { hash.AppendData(Guid.NewGuid().ToByteArray()); }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
