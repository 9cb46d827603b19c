namespace KbGen.Model;

public enum NodeKind { Start, Step, Decision, End }

public sealed record Phase(string Id, string Label, string? Window, SourceSpan Span)
{
    /// <summary>"Acute phase · 0–6 weeks"</summary>
    public string Caption => string.IsNullOrEmpty(Window) ? Label : $"{Label} · {Window}";
}

public sealed record Branch(string Label, string Next, SourceSpan Span);

public sealed record AlgorithmNode(string Id, NodeKind Kind, MarkdownText Text, string? Phase, string? Next, IReadOnlyList<Branch> Branches, SourceSpan Span)
{
    /// <summary>Outgoing edges in order: the branches of a decision, else its single next.</summary>
    public IEnumerable<(string Target, string? Label)> Edges =>
        Branches.Count > 0 ? Branches.Select(b => (b.Next, (string?)b.Label))
        : Next is null ? [] : [(Next, (string?)null)];
}

public sealed record Algorithm(string Title, IReadOnlyList<Phase> Phases, string Start, IReadOnlyList<AlgorithmNode> Nodes, SourceSpan Span)
{
    /// <summary>Where `start:` is written.</summary>
    public SourceSpan StartSpan { get; init; } = Span;
}
