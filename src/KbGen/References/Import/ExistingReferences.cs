using KbGen.Diagnostics;
using KbGen.Model;
using YamlDotNet.RepresentationModel;

namespace KbGen.References.Import;

/// <summary>The few keys of content/references/*.yaml that duplicate checks need. Read loosely
/// on purpose: a file the validator would reject still reserves its id and its DOI.</summary>
internal sealed record ExistingReference(string Id, string? Doi, string? Pmid, string? Title, int? Year);

internal static class ExistingReferences
{
    public static List<ExistingReference> Read(string referencesDir, List<Diagnostic> warnings)
    {
        var list = new List<ExistingReference>();
        if (!Directory.Exists(referencesDir)) return list;
        foreach (var path in Directory.EnumerateFiles(referencesDir, "*.yaml").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            try
            {
                var yaml = new YamlStream();
                using (var reader = new StreamReader(path)) yaml.Load(reader);
                if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode map) { list.Add(new(id, null, null, null, null)); continue; }
                string? Scalar(string key) =>
                    map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value) ? s.Value!.Trim() : null;
                int? year = int.TryParse(Scalar("year"), out var y) ? y : null;
                list.Add(new(id, Scalar("doi"), Scalar("pmid"), Scalar("title"), year));
                if (Scalar("id") is { } inner && inner != id) list.Add(new(inner, null, null, null, null)); // reserve both spellings
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException)
            {
                warnings.Add(new Diagnostic(Severity.Warning, DiagnosticCodes.ExistingReferenceUnreadable.Code, SourceSpan.FileStart(path),
                    $"could not read for duplicate checks ({e.Message.Split('\n')[0]}); its id stays reserved"));
                list.Add(new(id, null, null, null, null));
            }
        }
        return list;
    }
}
