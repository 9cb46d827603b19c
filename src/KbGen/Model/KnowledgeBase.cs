namespace KbGen.Model;

public sealed record FontSet(string Regular, string Bold, string Italic, string BoldItalic);

public sealed record KbSettings
{
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string BaseUrl { get; init; }
    public string Language { get; init; } = "en";
    public int ReviewIntervalMonths { get; init; } = 12;
    public string CitationStyle { get; init; } = "vancouver";
    public IReadOnlyList<string> Pages { get; init; } = [];
    /// <summary>Font files for PDFs; null means DejaVu Sans from the system.</summary>
    public FontSet? Fonts { get; init; }
    public SourceSpan Span { get; init; }
}

public sealed record Clinic(string Id, string Name, string? Address, string? Phone, string? LogoPath, string Paper, SourceSpan Span);

public sealed record Page(string Name, string Title, MarkdownText Body, SourceSpan Span);

/// <summary>A frozen published revision: content/archive/&lt;topic&gt;/v&lt;N&gt;.yaml.</summary>
public sealed record ArchivedRevision(string TopicId, int Version, DateOnly Published, string Hash, Topic Topic,
    IReadOnlyList<Reference> References, string FilePath, SourceSpan Span);

public sealed record KnowledgeBase
{
    public required string ContentRoot { get; init; }
    public required KbSettings Settings { get; init; }
    public IReadOnlyList<Topic> Topics { get; init; } = [];
    public IReadOnlyList<Reference> References { get; init; } = [];
    public IReadOnlyList<Page> Pages { get; init; } = [];
    public IReadOnlyList<Clinic> Clinics { get; init; } = [];
    public IReadOnlyList<ArchivedRevision> Archive { get; init; } = [];

    /// <summary>The reference with this id (the first, should ids repeat). Looked up once per
    /// citation of every topic, so it is indexed; the index belongs to the list, not to the record,
    /// and a knowledge base made with other references gets its own.</summary>
    public Reference? FindReference(string id) =>
        ReferenceIndex.GetValue(References, Index).GetValueOrDefault(id);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<Reference>, Dictionary<string, Reference>> ReferenceIndex = new();

    private static Dictionary<string, Reference> Index(IReadOnlyList<Reference> references)
    {
        var byId = new Dictionary<string, Reference>(references.Count, StringComparer.Ordinal);
        foreach (var r in references) byId.TryAdd(r.Id, r);
        return byId;
    }
}
