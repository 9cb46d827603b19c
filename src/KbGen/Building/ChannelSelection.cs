using KbGen.Model;
using KbGen.Publishing;
using KbGen.Rendering.Html;

namespace KbGen.Building;

/// <summary>The topics a build shows, by the one channel rule (<see cref="ChannelRule"/>), with the
/// version number and date of the revision shown.</summary>
public static class ChannelSelection
{
    public static IReadOnlyList<ShownTopic> Select(KnowledgeBase kb, Channel channel) =>
        ChannelRule.Select(kb, channel).Select(e => e.Revision is { } rev
            ? new ShownTopic(e.Topic, rev.Version, rev.Published, e.References, IsWorkingCopy: false)
            // A working copy is not any published version, even if one exists.
            : new ShownTopic(e.Topic, null, null, e.References, IsWorkingCopy: true)).ToList();
}
