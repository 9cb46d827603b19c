using KbGen.Diagnostics;
using KbGen.Model;

namespace KbGen.Validation;

/// <summary>An algorithm is a graph that a reader can follow: ids are unique, every edge lands
/// on a node, every node is reachable from start, decisions branch at least two ways, steps go
/// on, ends stop, and phases are the ones listed.</summary>
public sealed class AlgorithmRule : IValidationRule
{
    public void CheckTopic(Topic topic, RuleContext context, DiagnosticBag diagnostics)
    {
        if (topic.Algorithm is { } a) CheckAlgorithm(a, diagnostics);
    }

    public static void CheckAlgorithm(Algorithm a, DiagnosticBag diagnostics)
    {
        var nodes = new Dictionary<string, AlgorithmNode>(StringComparer.Ordinal);
        foreach (var n in a.Nodes)
            if (!nodes.TryAdd(n.Id, n))
                diagnostics.Add(DiagnosticCodes.DuplicateId, n.Span, $"algorithm node id '{n.Id}' is used twice (first at line {nodes[n.Id].Span.Line})");
        var phases = new Dictionary<string, Phase>(StringComparer.Ordinal);
        foreach (var p in a.Phases)
            if (!phases.TryAdd(p.Id, p))
                diagnostics.Add(DiagnosticCodes.DuplicateId, p.Span, $"phase id '{p.Id}' is used twice");

        if (!nodes.ContainsKey(a.Start))
        {
            diagnostics.Add(DiagnosticCodes.UnknownNode, a.StartSpan, $"start '{a.Start}' is not a node of this algorithm");
            return;
        }
        foreach (var n in a.Nodes)
        {
            if (n.Phase is { } ph && !phases.ContainsKey(ph))
                diagnostics.Add(DiagnosticCodes.UnknownPhase, n.Span, $"node '{n.Id}' names phase '{ph}', which is not in phases ({string.Join(", ", phases.Keys)})");
            if (n.Next is { } next && !nodes.ContainsKey(next))
                diagnostics.Add(DiagnosticCodes.UnknownNode, n.Span, $"node '{n.Id}' goes to '{next}', which is not a node{Loading.Yaml.MapReader.Suggest(next, nodes.Keys.ToList())}");
            foreach (var b in n.Branches)
                if (!nodes.ContainsKey(b.Next))
                    diagnostics.Add(DiagnosticCodes.UnknownNode, b.Span, $"branch '{b.Label}' goes to '{b.Next}', which is not a node{Loading.Yaml.MapReader.Suggest(b.Next, nodes.Keys.ToList())}");
            CheckShape(n, diagnostics);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { a.Start };
        var queue = new Queue<string>([a.Start]);
        while (queue.Count > 0)
            foreach (var (target, _) in nodes[queue.Dequeue()].Edges)
                if (nodes.ContainsKey(target) && seen.Add(target)) queue.Enqueue(target);
        foreach (var n in a.Nodes)
            if (!seen.Contains(n.Id))
                diagnostics.Add(DiagnosticCodes.UnreachableNode, n.Span, $"node '{n.Id}' cannot be reached from start '{a.Start}'");
    }

    private static void CheckShape(AlgorithmNode n, DiagnosticBag diagnostics)
    {
        switch (n.Kind)
        {
            case NodeKind.Decision:
                if (n.Branches.Count < 2)
                    diagnostics.Add(DiagnosticCodes.TooFewBranches, n.Span, $"decision '{n.Id}' has {n.Branches.Count} branch{(n.Branches.Count == 1 ? "" : "es")}; a decision needs at least two");
                if (n.Next is not null)
                    diagnostics.Add(DiagnosticCodes.BadNodeShape, n.Span, $"decision '{n.Id}' continues through its branches, not 'next'");
                break;
            case NodeKind.End:
                if (n.Next is not null || n.Branches.Count > 0)
                    diagnostics.Add(DiagnosticCodes.BadNodeShape, n.Span, $"end node '{n.Id}' cannot lead anywhere; remove 'next' or make it a step");
                break;
            default:
                if (n.Branches.Count > 0)
                    diagnostics.Add(DiagnosticCodes.BadNodeShape, n.Span, $"{n.Kind.ToString().ToLowerInvariant()} '{n.Id}' has branches; only a decision branches");
                else if (n.Next is null)
                    diagnostics.Add(DiagnosticCodes.BadNodeShape, n.Span, $"{n.Kind.ToString().ToLowerInvariant()} '{n.Id}' needs 'next' (or make it an end node)");
                break;
        }
    }
}
