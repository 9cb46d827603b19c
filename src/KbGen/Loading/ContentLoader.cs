using KbGen.Diagnostics;
using KbGen.Loading.Readers;
using KbGen.Loading.Yaml;
using KbGen.Model;

namespace KbGen.Loading;

/// <summary>Loads a content folder into the immutable model. Loading never stops at the first
/// problem: every file is read and every problem is reported into the bag. Files are read in
/// parallel; results are put back in file-name order so that the model is deterministic.</summary>
public static class ContentLoader
{
    public static KnowledgeBase? Load(string contentDir, DiagnosticBag diagnostics, ParseCache? cache = null)
    {
        var root = contentDir.TrimEnd('/', '\\');
        if (root.Length == 0) root = ".";
        var kbPath = Path.Combine(root, "kb.yaml");
        if (!Directory.Exists(root))
        {
            diagnostics.Add(DiagnosticCodes.MissingContent, SourceSpan.FileStart(root), "content folder does not exist");
            return null;
        }
        if (!File.Exists(kbPath) && !Directory.Exists(kbPath))
        {
            diagnostics.Add(DiagnosticCodes.MissingContent, SourceSpan.FileStart(kbPath), "kb.yaml is missing: a content folder starts with kb.yaml");
            return null;
        }

        // kb.yaml and clinics name other files (fonts, logos), so they are always read afresh.
        var settings = ReadYaml(kbPath, root, diagnostics, (node, f) => KbReader.Read(node, f, root));
        var topics = ReadFolder(Path.Combine(root, "topics"), root, diagnostics, (node, f, id) => TopicReader.Read(node, f, id), cache);
        var references = ReadFolder(Path.Combine(root, "references"), root, diagnostics, (node, f, id) => ReferenceReader.Read(node, f, id), cache);
        var clinics = ReadFolder(Path.Combine(root, "clinics"), root, diagnostics, (node, f, id) => ClinicReader.Read(node, f, id, root));
        var pages = new List<Page>();
        foreach (var name in settings?.Pages ?? [])
        {
            var path = Path.Combine(root, "pages", name + ".md");
            if (!File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
            {
                diagnostics.Add(DiagnosticCodes.MissingPage, settings!.Span, $"page '{name}' is listed in kb.yaml but pages/{name}.md does not exist");
                continue;
            }
            var text = SourceFiles.ReadText(path, root, diagnostics);
            if (text is null) continue;
            if (PageReader.Read(name, new FileContext(path, text, diagnostics)) is { } page) pages.Add(page);
        }
        var archive = ReadArchive(Path.Combine(root, "archive"), root, diagnostics);

        if (settings is null) return null;
        return new KnowledgeBase
        {
            ContentRoot = root, Settings = settings, Topics = topics, References = references,
            Pages = pages, Clinics = clinics, Archive = archive,
        };
    }

    /// <summary>Reads one YAML file through a reader; null when it could not be read or parsed.</summary>
    public static T? ReadYaml<T>(string path, string root, DiagnosticBag diagnostics, Func<YNode?, FileContext, T?> read) where T : class
    {
        var text = SourceFiles.ReadText(path, root, diagnostics);
        if (text is null) return null;
        var doc = YamlTreeReader.Read(path, text, diagnostics);
        if (doc.Root is null)
        {
            if (!diagnostics.Sorted().Any(d => d.Span.File == path && d.IsError))
                diagnostics.Add(DiagnosticCodes.EmptyFile, SourceSpan.FileStart(path), "file holds no YAML content");
            return null;
        }
        return read(doc.Root, new FileContext(path, text, diagnostics));
    }

    private static IReadOnlyList<T> ReadFolder<T>(string folder, string root, DiagnosticBag diagnostics, Func<YNode?, FileContext, string, T?> read,
        ParseCache? cache = null) where T : class
    {
        var files = SourceFiles.List(folder, "*.yaml");
        var results = new T?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var id = Path.GetFileNameWithoutExtension(files[i]);
            results[i] = cache is null
                ? ReadYaml(files[i], root, diagnostics, (n, f) => read(n, f, id))
                : cache.GetOrRead(files[i], diagnostics, bag => ReadYaml(files[i], root, bag, (n, f) => read(n, f, id)));
        });
        foreach (var other in SourceFiles.List(folder, "*.yml"))
            diagnostics.Add(DiagnosticCodes.CannotRead, SourceSpan.FileStart(other), "content files end in .yaml; rename this file so it is read");
        return results.Where(r => r is not null).Cast<T>().ToList();
    }

    private static IReadOnlyList<ArchivedRevision> ReadArchive(string folder, string root, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(folder)) return [];
        var list = new List<ArchivedRevision>();
        foreach (var topicDir in Directory.EnumerateDirectories(folder).OrderBy(d => d, StringComparer.Ordinal))
        {
            var topicId = Path.GetFileName(topicDir);
            foreach (var file in SourceFiles.List(topicDir, "*"))
            {
                var name = Path.GetFileName(file);
                if (name.StartsWith('.')) continue; // a publish in progress writes a dot-file first
                if (!ArchiveReader.TryParseVersion(name, out var version))
                {
                    diagnostics.Add(DiagnosticCodes.ArchiveMalformed, SourceSpan.FileStart(file), "archive files are named v<N>.yaml and written only by kbgen publish");
                    continue;
                }
                var rev = ReadYaml(file, root, diagnostics, (n, f) => ArchiveReader.Read(n, f, topicId, version));
                if (rev is not null) list.Add(rev);
            }
        }
        return list.OrderBy(r => r.TopicId, StringComparer.Ordinal).ThenBy(r => r.Version).ToList();
    }
}
