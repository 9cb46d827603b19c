using KbGen.Model;

namespace KbGen.Publishing;

/// <summary>One published version of a topic, for the site's "revision history" list.</summary>
public sealed record RevisionEntry(int Version, DateOnly Published, DateOnly? Approved, string? Approver, string? Note,
    string ArchivePath, string Hash);

/// <summary>A topic's published versions, oldest first. ArchivePath is relative to the content
/// folder with '/' separators (archive/&lt;topic&gt;/v&lt;N&gt;.yaml); approver, date and note come from
/// the last approval step frozen in that version.</summary>
public sealed record RevisionHistory(string TopicId, IReadOnlyList<RevisionEntry> Revisions)
{
    public RevisionEntry? Latest => Revisions.Count > 0 ? Revisions[^1] : null;

    public static RevisionHistory For(KnowledgeBase kb, string topicId) =>
        new(topicId, kb.Archive.Where(a => a.TopicId == topicId).OrderBy(a => a.Version).Select(a =>
        {
            var approval = a.Topic.Review.LastApproval;
            return new RevisionEntry(a.Version, a.Published, approval?.Date, approval?.By, approval?.Note,
                $"archive/{a.TopicId}/v{a.Version}.yaml", a.Hash);
        }).ToList());

    /// <summary>Every topic that has a working copy or an archived version, by id.</summary>
    public static IReadOnlyList<RevisionHistory> All(KnowledgeBase kb) =>
        kb.Topics.Select(t => t.Id).Concat(kb.Archive.Select(a => a.TopicId)).Distinct()
            .OrderBy(id => id, StringComparer.Ordinal).Select(id => For(kb, id)).ToList();
}
