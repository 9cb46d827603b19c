using KbGen.Model;
using KbGen.Validation;

namespace KbGen.Rendering;

/// <summary>One numbering per topic: references numbered by first appearance, reading the topic
/// in page order (bottom line, clinician text, red flags, pitfalls, patient text, algorithm).
/// The site, the handouts and the chart all use this, so a number means the same everywhere.</summary>
public sealed class CitationNumbering
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly List<Reference> _ordered = [];

    public CitationNumbering(Topic topic, Func<string, Reference?> lookup)
    {
        // The order of InPageOrder, walked without nested iterators (this runs for every page).
        var t = topic;
        if (!t.Summary.IsEmpty) Add(t.Summary, lookup);
        foreach (var s in t.Clinician.Sections) AddClaims(s.Items, lookup);
        AddClaims(t.Clinician.RedFlags, lookup);
        if (t.Algorithm is { } a)
            foreach (var g in AlgorithmOrder.Groups(a))
                foreach (var n in g.Nodes) Add(n.Text, lookup);
        AddClaims(t.Pitfalls, lookup);
        if (t.Patient.Summary is { } ps) Add(ps, lookup);
        foreach (var s in t.Patient.Sections) AddClaims(s.Items, lookup);
        AddClaims(t.Patient.RedFlags, lookup);
    }

    private void AddClaims(IReadOnlyList<Claim> claims, Func<string, Reference?> lookup)
    {
        for (var i = 0; i < claims.Count; i++)
        {
            Add(claims[i].Text, lookup);
            AddClaims(claims[i].Items, lookup);
        }
    }

    private void Add(MarkdownText text, Func<string, Reference?> lookup)
    {
        var citations = text.Citations;
        for (var i = 0; i < citations.Count; i++)
        {
            var id = citations[i].ReferenceId;
            if (!_numbers.ContainsKey(id) && lookup(id) is { } r)
            {
                _numbers[id] = _ordered.Count + 1;
                _ordered.Add(r);
            }
        }
    }

    /// <summary>References in number order (entry i has number i + 1).</summary>
    public IReadOnlyList<Reference> References => _ordered;

    public int NumberOf(string referenceId) => _numbers.TryGetValue(referenceId, out var n) ? n : 0;

    public static IReadOnlyList<MarkdownText> InPageOrder(Topic t)
    {
        var texts = new List<MarkdownText>(96);
        if (!t.Summary.IsEmpty) texts.Add(t.Summary);
        foreach (var s in t.Clinician.Sections) ClaimWalk.AddTexts(texts, s.Items);
        ClaimWalk.AddTexts(texts, t.Clinician.RedFlags);
        if (t.Algorithm is { } a)
            foreach (var n in AlgorithmOrder.Nodes(a)) texts.Add(n.Text);
        ClaimWalk.AddTexts(texts, t.Pitfalls);
        if (t.Patient.Summary is { } ps) texts.Add(ps);
        foreach (var s in t.Patient.Sections) ClaimWalk.AddTexts(texts, s.Items);
        ClaimWalk.AddTexts(texts, t.Patient.RedFlags);
        return texts;
    }
}
