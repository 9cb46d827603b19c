using KbGen.Model;

namespace KbGen.Rendering;

/// <summary>The one order in which an algorithm is read as text — on the page's step list, in
/// the clinician handout, and for numbering its citations: grouped by phase in the order the
/// phases are listed, and within a phase in the order the flow reaches the nodes from start.
/// A node without a phase belongs with the node that first leads to it ("Initial assessment"
/// when that is before any phase).</summary>
public static class AlgorithmOrder
{
    public const string BeforePhases = "Initial assessment";

    // A page asks twice (citation numbering, step list), and validation and handouts ask too; an
    // algorithm is immutable, so its groups are kept with it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Algorithm, IReadOnlyList<(string Caption, IReadOnlyList<AlgorithmNode> Nodes)>> Cache = new();

    public static IReadOnlyList<(string Caption, IReadOnlyList<AlgorithmNode> Nodes)> Groups(Algorithm a) => Cache.GetValue(a, Compute);

    private static IReadOnlyList<(string Caption, IReadOnlyList<AlgorithmNode> Nodes)> Compute(Algorithm a)
    {
        var byId = new Dictionary<string, AlgorithmNode>(StringComparer.Ordinal);
        foreach (var n in a.Nodes) byId.TryAdd(n.Id, n);
        var phaseIndex = a.Phases.Select((p, i) => (p.Id, i)).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);

        // Breadth-first from start: the order a reader follows the arrows.
        var flow = new List<AlgorithmNode>();
        var band = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Id, int Inherited)>();
        if (byId.ContainsKey(a.Start)) { queue.Enqueue((a.Start, -1)); seen.Add(a.Start); }
        while (queue.Count > 0)
        {
            var (id, inherited) = queue.Dequeue();
            var node = byId[id];
            var b = node.Phase is { } p && phaseIndex.TryGetValue(p, out var pi) ? pi : inherited;
            band[id] = b;
            flow.Add(node);
            foreach (var (target, _) in node.Edges)
                if (byId.ContainsKey(target) && seen.Add(target)) queue.Enqueue((target, b));
        }
        // Unreachable nodes (validation reports them) still print, at the end, in file order.
        foreach (var n in a.Nodes)
            if (seen.Add(n.Id)) { band[n.Id] = n.Phase is { } p && phaseIndex.TryGetValue(p, out var pi) ? pi : a.Phases.Count; flow.Add(n); }

        var groups = new List<(string, IReadOnlyList<AlgorithmNode>)>();
        for (var b = -1; b <= a.Phases.Count; b++)
        {
            var nodes = flow.Where(n => band[n.Id] == b).ToList();
            if (nodes.Count == 0) continue;
            var caption = b < 0 ? BeforePhases : b < a.Phases.Count ? a.Phases[b].Caption : "Other steps";
            groups.Add((caption, nodes));
        }
        return groups;
    }

    public static IEnumerable<AlgorithmNode> Nodes(Algorithm a) => Groups(a).SelectMany(g => g.Nodes);
}
