using System.Globalization;
using KbGen.Loading;

namespace KbGen.Authoring;

/// <summary>`kbgen new topic ID`: a draft that passes check with "needs content" warnings,
/// commented so an author knows what goes where.</summary>
public static class TopicSkeleton
{
    public static string Text(string id, DateOnly today)
    {
        var words = id.Replace('-', ' ');
        var title = char.ToUpperInvariant(words[0]) + words[1..];
        var date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"""
            # Topic '{id}'. Format: see README.md ("Content format"). Every clinician claim cites [@reference-id].
            id: {id}
            title: {title}
            question: What does the evidence recommend for {words}?
            tags: []
            review:
              status: draft       # change only with: kbgen review {id} --status submitted --by NAME
              history: []
            updated: {date}
            # summary: The bottom line in one or two sentences [@reference-id]
            # clinician:
            #   sections:
            #     - title: First-line treatment
            #       items:
            #         - text: A claim in professional language [@reference-id]
            #           strength: strong       # strong | conditional
            #           certainty: moderate    # high | moderate | low | very-low
            #   red-flags:
            #     - text: A sign that needs urgent action [@reference-id]
            # patient:
            #   summary: The same advice in plain words.
            #   sections:
            #     - title: What you can do
            #       items:
            #         - text: Short sentences, short words.
            # pitfalls:
            #   - text: A common mistake to avoid [@reference-id]

            """;
    }

    /// <summary>Writes topics/ID.yaml; never overwrites. Returns the path written.</summary>
    public static string Write(string contentDir, string id, DateOnly today)
    {
        if (!IdRules.IsValidId(id))
            throw new ArgumentException($"'{id}' is not a valid topic id: use lower-case letters and digits joined by hyphens");
        var folder = Path.Combine(contentDir, "topics");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, id + ".yaml");
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write); // fails if it exists
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        writer.Write(Text(id, today));
        return path;
    }
}
