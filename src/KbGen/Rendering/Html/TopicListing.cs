using System.Runtime.CompilerServices;
using System.Text.Json;
using KbGen.Loading.Markdown;
using KbGen.Model;

namespace KbGen.Rendering.Html;

/// <summary>What the pages that list every topic (search index, references) need of one topic,
/// worked out once per topic object and kept with it: `serve` keeps unchanged topics between
/// rebuilds, so a rebuild after one edit computes this for that topic only; `kbgen build` keeps
/// it on disk between builds (Building.TopicFacts).</summary>
public sealed class TopicListing
{
    private static readonly ConditionalWeakTable<Topic, TopicListing> Memo = new();

    private TopicListing(Topic t)
    {
        var texts = CitationNumbering.InPageOrder(t).ToList();
        var cited = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var c in text.Citations)
                if (seen.Add(c.ReferenceId)) cited.Add(c.ReferenceId);
        CitedIds = cited;

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            // The fields and their order are the search index's format (assets/site.js reads it).
            json.WriteStartObject();
            json.WriteString("title", t.Title);
            json.WriteString("question", t.Question);
            json.WriteString("href", SitePaths.Pretty(SitePaths.Topic(t.Id)) + "index.html");
            json.WriteString("summary", PlainText.Of(t.Summary));
            json.WriteString("text", string.Join(" ", texts.Select(PlainText.Of)));
            json.WriteEndObject();
        }
        SearchEntryJson = buffer.WrittenSpan.ToArray();
    }

    private TopicListing(IReadOnlyList<string> citedIds, byte[] searchEntryJson)
    {
        CitedIds = citedIds;
        SearchEntryJson = searchEntryJson;
    }

    public static TopicListing Of(Topic t) => Memo.GetValue(t, x => new TopicListing(x));

    /// <summary>The listing worked out (or seeded) for a topic in this process, if any.</summary>
    internal static TopicListing? Known(Topic t) => Memo.TryGetValue(t, out var l) ? l : null;

    /// <summary>A listing kept from an earlier build of exactly this topic file.</summary>
    internal static void Seed(Topic t, IReadOnlyList<string> citedIds, byte[] searchEntryJson) =>
        Memo.AddOrUpdate(t, new TopicListing(citedIds, searchEntryJson));

    /// <summary>Reference ids in order of first citation, reading the topic in page order.</summary>
    public IReadOnlyList<string> CitedIds { get; }

    /// <summary>The topic's entry in the search index, as UTF-8 JSON.</summary>
    public byte[] SearchEntryJson { get; }
}
