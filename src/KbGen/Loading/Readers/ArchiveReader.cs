using System.Text.RegularExpressions;
using KbGen.Diagnostics;
using KbGen.Loading.Yaml;
using KbGen.Model;
using KbGen.Publishing;

namespace KbGen.Loading.Readers;

/// <summary>content/archive/&lt;topic&gt;/v&lt;N&gt;.yaml, written only by `kbgen publish`.</summary>
public static partial class ArchiveReader
{
    [GeneratedRegex(@"^v([1-9][0-9]{0,5})\.yaml$")]
    private static partial Regex FileName();

    public static bool TryParseVersion(string fileName, out int version)
    {
        var m = FileName().Match(fileName);
        version = m.Success ? int.Parse(m.Groups[1].Value) : 0;
        return m.Success;
    }

    public static ArchivedRevision? Read(YNode? root, FileContext file, string topicId, int fileVersion)
    {
        var m = MapReader.Of(root, file, "an archived revision");
        if (m is null) return null;
        var hashNode = m.Scalar("hash", required: true);
        var topic = m.Id("topic");
        var version = m.Int("version", required: true, min: 1);
        var published = m.Date("published", required: true);
        var contentNode = m.Node("content");
        var refsNode = m.Sequence("references");
        m.Done();

        var ok = true;
        var actual = ArchiveHash.Compute(file.Text);
        if (hashNode is not null && hashNode.Value != actual)
        {
            file.Diagnostics.Add(DiagnosticCodes.ArchiveHashMismatch, hashNode.Span,
                "archived revision was changed after it was published (hash does not match); restore it from version control");
            ok = false;
        }
        if (topic is not null && topic != topicId)
        {
            file.Diagnostics.Add(DiagnosticCodes.ArchiveMalformed, m.Span, $"archived revision names topic '{topic}' but lies in archive/{topicId}/");
            ok = false;
        }
        if (version is not null && version != fileVersion)
        {
            file.Diagnostics.Add(DiagnosticCodes.ArchiveMalformed, m.Span, $"archived revision says version {version} but its file is v{fileVersion}.yaml");
            ok = false;
        }
        if (contentNode is null)
        {
            file.Diagnostics.Add(DiagnosticCodes.ArchiveMalformed, m.Span, "archived revision has no 'content'");
            return null;
        }
        var t = TopicReader.Read(contentNode, file, topicId);
        var refs = new List<Reference>();
        foreach (var r in refsNode?.Items ?? [])
            if (ReferenceReader.Read(r, file, null) is { } reference) refs.Add(reference);
        if (!ok || t is null || version is null || published is null || hashNode is null) return null;
        return new ArchivedRevision(topicId, version.Value, published.Value, hashNode.Value, t, refs, file.Path, m.Span);
    }
}
