using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using KbGen.Model;
using KbGen.Output;
using KbGen.Publishing;
using KbGen.Rendering.Html;

namespace KbGen.Building;

/// <summary>Content hashes of what a build's outputs depend on. The global key covers what every
/// page depends on (program version and cache format, options, timestamp, kb.yaml, fonts, pages,
/// every template file, the archive); a topic's key adds its own file and the files of the
/// references it cites. Equal keys mean equal bytes out.</summary>
internal sealed class InputKeys(BuildOptions options, Loading.ParseCache? parsed = null)
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);

    public string Global { get; private set; } = "";

    public void ComputeGlobal(KnowledgeBase kb, DateTimeOffset timestamp, DateOnly today, IEnumerable<string> templateFiles)
    {
        var sb = new StringBuilder();
        void Add(string name, string value) => sb.Append(name).Append('=').Append(value).Append('\n');
        Add("program", BuildCache.ProgramVersion);
        Add("channel", options.Channel.ToString());
        Add("outputs", $"{options.Site}/{options.Handouts}:{string.Join(",", options.HandoutAudiences)}/{options.Charts}/{string.Join(",", options.ChartPapers)}");
        Add("timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        // "review due" labels exist only in preview.
        Add("today", options.Channel == Channel.Preview ? today.ToString("O", CultureInfo.InvariantCulture) : "-");
        Add("kb", FileHash(Path.Combine(kb.ContentRoot, "kb.yaml")));
        var f = kb.Settings.Fonts ?? KbGen.Rendering.Pdf.PdfFonts.DejaVu;
        foreach (var font in new[] { f.Regular, f.Bold, f.Italic, f.BoldItalic }) Add("font " + font, FileHash(font));
        foreach (var p in kb.Pages) Add("page " + p.Name, FileHash(p.Span.File));
        Add("templates-dir", options.TemplatesDir ?? "-");
        foreach (var t in templateFiles) Add("template " + t, FileHash(t));
        foreach (var a in kb.Archive.OrderBy(a => a.FilePath, StringComparer.Ordinal)) Add("archive " + a.FilePath, FileHash(a.FilePath));
        Global = Hash(sb.ToString());
    }

    /// <summary>A topic's key as last worked out, with what it was worked out from: serve's
    /// rebuilds see the same topic and reference objects while their files are unchanged (the
    /// parse cache hands them out again), so most keys need not be hashed again.</summary>
    private sealed record TopicKeyMemo(string Global, int? Version, DateOnly? Published, bool IsWorkingCopy, Reference[] References, string Key);

    private static readonly ConditionalWeakTable<Topic, TopicKeyMemo> Memo = new();

    public string Topic(ShownTopic shown)
    {
        if (Memo.TryGetValue(shown.Topic, out var m) && m.Global == Global && m.Version == shown.Version && m.Published == shown.Published
            && m.IsWorkingCopy == shown.IsWorkingCopy && SameObjects(m.References, shown.References))
            return m.Key;
        var key = ComputeTopic(shown);
        Memo.AddOrUpdate(shown.Topic, new TopicKeyMemo(Global, shown.Version, shown.Published, shown.IsWorkingCopy, shown.References.ToArray(), key));
        return key;
    }

    private static bool SameObjects(Reference[] a, IReadOnlyList<Reference> b)
    {
        if (a.Length != b.Count) return false;
        for (var i = 0; i < a.Length; i++)
            if (!ReferenceEquals(a[i], b[i])) return false;
        return true;
    }

    private string ComputeTopic(ShownTopic shown)
    {
        var sb = new StringBuilder();
        sb.Append(Global).Append('\n');
        var t = shown.Topic;
        var file = t.FilePath.Length > 0 ? t.FilePath : t.Span.File;
        sb.Append("topic ").Append(t.Id).Append(' ').Append(file).Append(' ').Append(FileHash(file)).Append('\n');
        sb.Append("shown ").Append(shown.Version).Append(' ').Append(shown.Published?.ToString("O", CultureInfo.InvariantCulture)).Append(' ').Append(shown.IsWorkingCopy).Append('\n');
        foreach (var r in shown.References.OrderBy(r => r.Id, StringComparer.Ordinal))
            sb.Append("ref ").Append(r.Id).Append(' ').Append(r.Span.File).Append(' ').Append(FileHash(r.Span.File)).Append('\n');
        return Hash(sb.ToString());
    }

    /// <summary>The files a topic owns in the output.</summary>
    public IReadOnlyList<string> OwnedFiles(ShownTopic shown)
    {
        var id = shown.Topic.Id;
        var list = new List<string>(4);
        if (options.Site) list.Add("site/" + SitePaths.Topic(id));
        if (options.Handouts) list.AddRange(options.HandoutAudiences.Select(a => HandoutStage.PathOf(id, a)));
        if (options.Charts && shown.Topic.HasAlgorithm) list.Add($"charts/{id}-algorithm.pdf");
        return list;
    }

    private string FileHash(string path) => _files.GetOrAdd(path, p =>
    {
        // The hash of the bytes the model was made from, when the loader kept it; else one its
        // stamp vouches for (templates, fonts: not read again while unchanged).
        if ((parsed?.HashOfParsed(p) ?? parsed?.HashOfFile(p)) is { } known) return BuildCache.Hex(known);
        try { return File.Exists(p) ? BuildCache.Hex(SHA256.HashData(File.ReadAllBytes(p))) : "missing"; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return "unreadable " + Guid.NewGuid(); }
    });

    private static string Hash(string s) => BuildCache.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
