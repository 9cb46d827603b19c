using KbGen.Model;

namespace KbGen.Tests.Chart;

/// <summary>Algorithms for chart tests: the design's lumbar compression fracture example and
/// random ones built from a seed.</summary>
internal static class ChartSamples
{
    private static MarkdownText Md(string s) => new(s, SourceSpan.None);

    private static AlgorithmNode Node(string id, NodeKind kind, string text, string? phase = null, string? next = null,
        params (string Label, string Next)[] branches) =>
        new(id, kind, Md(text), phase, next, branches.Select(b => new Branch(b.Label, b.Next, SourceSpan.None)).ToList(), SourceSpan.None);

    public static readonly IReadOnlyList<string> ReferenceIds = ["kb-guideline", "francis-2008", "knopp-2005"];

    public static int ReferenceNumber(string id)
    {
        var i = ReferenceIds.ToList().IndexOf(id);
        return i < 0 ? 0 : i + 1;
    }

    public static Algorithm LumbarFracture() => new("Treatment algorithm",
        [
            new Phase("acute", "Acute phase", "0–6 weeks", SourceSpan.None),
            new Phase("subacute", "Subacute phase", "6 weeks–3 months", SourceSpan.None),
            new Phase("chronic", "Chronic phase", "> 3 months", SourceSpan.None),
        ],
        "suspected",
        [
            Node("suspected", NodeKind.Start, "Suspected lumbar compression fracture", next: "neuro"),
            Node("neuro", NodeKind.Decision, "Neurological deficit?", branches: [("Yes", "surgical"), ("No", "malignancy")]),
            Node("surgical", NodeKind.End, "Urgent surgical consultation"),
            Node("malignancy", NodeKind.Decision, "Malignancy suspected?", branches: [("Yes", "imaging"), ("No", "nsaids")]),
            Node("imaging", NodeKind.End, "Imaging and multidisciplinary referral [@kb-guideline]"),
            Node("nsaids", NodeKind.Step, "NSAIDs for pain [@kb-guideline; @francis-2008]", "acute", "calcitonin"),
            Node("calcitonin", NodeKind.Step, "Calcitonin only within 0–5 days of the fracture [@knopp-2005]", "acute", "reassess"),
            Node("reassess", NodeKind.Step, "Reassess pain, mobility and analgesic needs [@francis-2008]", "subacute", "persistent"),
            Node("persistent", NodeKind.Decision, "Persistent pain after 3 months?", "chronic", branches: [("Yes", "augmentation"), ("No", "continue")]),
            Node("augmentation", NodeKind.End, "Consider vertebral augmentation [@kb-guideline]", "chronic"),
            Node("continue", NodeKind.Step, "Continue medical management", "chronic", "reassess"),
        ],
        SourceSpan.None);

    /// <summary>A random algorithm: forward edges go to later nodes (so phases, assigned by
    /// position, rise along the flow), plus some back edges and the odd self-loop.</summary>
    public static Algorithm Random(int nodeCount, int phaseCount, int seed)
    {
        var rnd = new Random(seed);
        var phases = Enumerable.Range(0, phaseCount)
            .Select(p => new Phase($"p{p}", $"Phase {p} with a longer caption <&>", rnd.Next(2) == 0 ? null : $"{p}–{p + 1} weeks", SourceSpan.None)).ToList();
        var cuts = Enumerable.Range(0, phaseCount).Select(_ => rnd.Next(nodeCount + 1)).Order().ToArray();
        string? PhaseOf(int i)
        {
            if (rnd.NextDouble() < 0.2) return null;
            var p = cuts.Count(c => c <= i) - 1;
            return p < 0 ? null : $"p{p}";
        }
        string Target(int i)
        {
            var r = rnd.NextDouble();
            if (r < 0.12 && i > 0) return $"n{rnd.Next(i)}";          // back edge
            if (r < 0.14) return $"n{i}";                              // self-loop
            if (i >= nodeCount - 1) return $"n{rnd.Next(nodeCount)}";
            var far = rnd.NextDouble() < 0.2 ? nodeCount - 1 - i : Math.Min(3, nodeCount - 1 - i);
            return $"n{i + 1 + rnd.Next(far)}";
        }
        var words = new[] { "assess", "pain", "NSAIDs", "imaging", "refer", "review", "x", "physiotherapy", "consider", "a", "calcitonin" };
        string Text(int i)
        {
            var n = rnd.Next(1, 14);
            var t = string.Join(" ", Enumerable.Range(0, n).Select(_ => words[rnd.Next(words.Length)]));
            if (rnd.NextDouble() < 0.3) t += $" [@{ReferenceIds[rnd.Next(3)]}]";
            if (rnd.NextDouble() < 0.05) t = "Averyveryverylongwordwithoutanyspacesthatmustbebrokensomewhere" + t;
            return t;
        }
        var nodes = new List<AlgorithmNode>();
        for (var i = 0; i < nodeCount; i++)
        {
            var r = rnd.NextDouble();
            var phase = i == 0 ? null : PhaseOf(i);
            if (i == 0 && nodeCount > 1) nodes.Add(Node($"n{i}", NodeKind.Start, Text(i), phase, Target(i)));
            else if (i == nodeCount - 1 && rnd.NextDouble() < 0.7 || r < 0.1) nodes.Add(Node($"n{i}", NodeKind.End, Text(i), phase));
            else if (r < 0.4)
            {
                var count = rnd.Next(2, 4);
                var targets = Enumerable.Range(0, count).Select(_ => Target(i)).Distinct().ToList();
                if (targets.Count < 2) targets.Add($"n{rnd.Next(nodeCount)}");
                nodes.Add(Node($"n{i}", NodeKind.Decision, Text(i) + "?", phase,
                    branches: targets.Distinct().Select((t, k) => (k == 0 ? "Yes" : k == 1 ? "No" : "Unsure", t)).ToArray()));
            }
            else nodes.Add(Node($"n{i}", NodeKind.Step, Text(i), phase, Target(i)));
        }
        return new Algorithm("Random algorithm", phases, "n0", nodes, SourceSpan.None);
    }
}
