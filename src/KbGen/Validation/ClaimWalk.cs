using KbGen.Model;

namespace KbGen.Validation;

/// <summary>Enumerates a topic's text fields with what kind of text they are.</summary>
public static class ClaimWalk
{
    /// <summary>Clinician claims: the bottom line, every clinician item (nested too), red flags and pitfalls.</summary>
    public static IEnumerable<MarkdownText> ClinicianClaims(Topic t)
    {
        if (!t.Summary.IsEmpty) yield return t.Summary;
        foreach (var c in Flatten(t.Clinician.Sections.SelectMany(s => s.Items))) yield return c.Text;
        foreach (var c in Flatten(t.Clinician.RedFlags)) yield return c.Text;
        foreach (var c in Flatten(t.Pitfalls)) yield return c.Text;
    }

    public static IEnumerable<MarkdownText> AllText(Topic t)
    {
        foreach (var m in ClinicianClaims(t)) yield return m;
        if (t.Patient.Summary is { } ps) yield return ps;
        foreach (var c in Flatten(t.Patient.Sections.SelectMany(s => s.Items))) yield return c.Text;
        foreach (var c in Flatten(t.Patient.RedFlags)) yield return c.Text;
        foreach (var n in t.Algorithm?.Nodes ?? []) yield return n.Text;
    }

    /// <summary>Ids of every reference the topic cites, in order of first citation. Kept with the
    /// (immutable) topic: validation and channel selection ask it of every topic on every build,
    /// and serve keeps unchanged topics between builds.</summary>
    public static IReadOnlyList<string> CitedIds(Topic t) => Cited.GetValue(t, static topic =>
        AllText(topic).SelectMany(m => m.Citations).Select(c => c.ReferenceId).Distinct(StringComparer.Ordinal).ToList());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Topic, IReadOnlyList<string>> Cited = new();

    /// <summary>Cited ids kept from an earlier build of exactly this topic file.</summary>
    internal static void Seed(Topic t, IReadOnlyList<string> citedIds) => Cited.AddOrUpdate(t, citedIds);

    public static IEnumerable<Claim> Flatten(IEnumerable<Claim> claims)
    {
        foreach (var c in claims)
        {
            yield return c;
            foreach (var n in Flatten(c.Items)) yield return n;
        }
    }
}
