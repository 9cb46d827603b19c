using KbGen.Model;
using KbGen.Rendering.Html;

namespace KbGen.Building;

/// <summary>The one rule for what a channel shows of each topic. public: the latest published
/// revision (content/archive), else the working copy if it is approved, else nothing.
/// preview: every working copy.</summary>
public static class ChannelSelection
{
    public static IReadOnlyList<ShownTopic> Select(KnowledgeBase kb, Channel channel)
    {
        var list = new List<ShownTopic>();
        var refs = kb.References;
        foreach (var t in kb.Topics.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var latest = kb.Archive.Where(a => a.TopicId == t.Id).MaxBy(a => a.Version);
            if (channel == Channel.Preview)
                list.Add(new ShownTopic(t, latest?.Version, latest?.Published, refs, IsWorkingCopy: true));
            else if (latest is not null)
                list.Add(new ShownTopic(latest.Topic, latest.Version, latest.Published, latest.References, IsWorkingCopy: false));
            else if (t.Review.Status == ReviewStatus.Approved)
                list.Add(new ShownTopic(t, null, null, refs, IsWorkingCopy: true));
        }
        return list;
    }
}
