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

    [ThreadStatic] private static System.Text.StringBuilder? t_text;
    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? t_json;

    private TopicListing(Topic t)
    {
        var texts = CitationNumbering.InPageOrder(t);
        var cited = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var c in text.Citations)
                if (seen.Add(c.ReferenceId)) cited.Add(c.ReferenceId);
        CitedIds = cited;

        // The topic's whole text, each field's plain text joined by spaces, built in this thread's
        // buffers: not kept with each field, as 75,000 fields' strings would be for 1,000 topics.
        var all = t_text ??= new System.Text.StringBuilder(16 * 1024);
        all.Clear();
        for (var i = 0; i < texts.Count; i++)
        {
            if (i > 0) all.Append(' ');
            PlainText.AppendTo(all, texts[i]);
        }
        var buffer = t_json ??= new System.Buffers.ArrayBufferWriter<byte>(32 * 1024);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            // The fields and their order are the search index's format (assets/site.js reads it).
            json.WriteStartObject();
            json.WriteString("title", t.Title);
            json.WriteString("question", t.Question);
            json.WriteString("href", SitePaths.Pretty(SitePaths.Topic(t.Id)) + "index.html");
            json.WriteString("summary", PlainText.Of(t.Summary));
            // One chunk once the builder has been cleared (it keeps its capacity in one array); a
            // text longer than any before it is copied once.
            ReadOnlyMemory<char> whole = default;
            var chunks = 0;
            foreach (var chunk in all.GetChunks()) { whole = chunk; chunks++; }
            if (chunks <= 1) json.WriteString("text", whole.Span);
            else json.WriteString("text", all.ToString());
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
