using KbGen.Model;

namespace KbGen.Validation;

/// <summary>Enumerates a topic's text fields with what kind of text they are. Each walk fills
/// one list: nested iterators made an enumerator per claim, nested or not (17 MB per 1,000 topics).</summary>
public static class ClaimWalk
{
    /// <summary>Clinician claims: the bottom line, every clinician item (nested too), red flags and pitfalls.</summary>
    public static IReadOnlyList<MarkdownText> ClinicianClaims(Topic t)
    {
        var texts = new List<MarkdownText>(64);
        AddClinician(texts, t);
        return texts;
    }

    public static IReadOnlyList<MarkdownText> AllText(Topic t)
    {
        var texts = new List<MarkdownText>(96);
        AddClinician(texts, t);
        if (t.Patient.Summary is { } ps) texts.Add(ps);
        foreach (var s in t.Patient.Sections) AddTexts(texts, s.Items);
        AddTexts(texts, t.Patient.RedFlags);
        foreach (var n in t.Algorithm?.Nodes ?? []) texts.Add(n.Text);
        return texts;
    }

    private static void AddClinician(List<MarkdownText> texts, Topic t)
    {
        if (!t.Summary.IsEmpty) texts.Add(t.Summary);
        foreach (var s in t.Clinician.Sections) AddTexts(texts, s.Items);
        AddTexts(texts, t.Clinician.RedFlags);
        AddTexts(texts, t.Pitfalls);
    }

    /// <summary>The claims' texts, each followed by its items' (depth first), added to <paramref name="texts"/>.</summary>
    internal static void AddTexts(List<MarkdownText> texts, IReadOnlyList<Claim> claims) => Walk(texts, claims, static c => c.Text);

    /// <summary>Claims, each followed by its items (depth first), into one list.</summary>
    private static void Walk<T>(List<T> into, IReadOnlyList<Claim> claims, Func<Claim, T> pick)
    {
        foreach (var c in claims)
        {
            into.Add(pick(c));
            if (c.Items.Count > 0) Walk(into, c.Items, pick);
        }
    }

    /// <summary>Ids of every reference the topic cites, in order of first citation. Kept with the
    /// (immutable) topic: validation and channel selection ask it of every topic on every build,
    /// and serve keeps unchanged topics between builds.</summary>
    public static IReadOnlyList<string> CitedIds(Topic t) => Cited.GetValue(t, static topic =>
        AllText(topic).SelectMany(m => m.Citations).Select(c => c.ReferenceId).Distinct(StringComparer.Ordinal).ToList());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Topic, IReadOnlyList<string>> Cited = new();

    /// <summary>Cited ids kept from an earlier build of exactly this topic file.</summary>
    internal static void Seed(Topic t, IReadOnlyList<string> citedIds) => Cited.AddOrUpdate(t, citedIds);

    public static IReadOnlyList<Claim> Flatten(IReadOnlyList<Claim> claims)
    {
        var all = new List<Claim>(claims.Count * 2);
        Walk(all, claims, static c => c);
        return all;
    }
}
