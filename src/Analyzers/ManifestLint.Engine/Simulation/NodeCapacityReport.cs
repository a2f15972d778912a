using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>A node that cannot take the new pod, with what it has free and the scheduler's reason.</summary>
public sealed record BlockedNode(string Name, string Free, string Shortage);

/// <summary>
/// Why a rollout gets stuck on the nodes it is given (<c>--node-free</c>, <c>--node</c>, <c>rollout.nodes</c>): the
/// room each new pod needs, the nodes that cannot take it, where the rollout stalls, how the Pending pods use up
/// maxUnavailable or maxSurge, and what would let it finish.
/// </summary>
/// <param name="Need">What a new pod needs on a node, and why that much.</param>
/// <param name="Blocked">The first nodes that cannot take a new pod (at most <see cref="ListedNodes"/>).</param>
/// <param name="BlockedCount">All nodes that cannot take one.</param>
/// <param name="Stalls">True when the rollout cannot finish on these nodes.</param>
/// <param name="Stall">Where it stalls, or how the Pending pods slow it down; null when every new pod fits.</param>
/// <param name="Fixes">What would let it finish, most direct first.</param>
/// <param name="Approximation">Set when the placement is the simulator's estimate rather than the controller's exact node choice.</param>
public sealed record NodeCapacityReport(
    long Nodes,
    string Need,
    IReadOnlyList<BlockedNode> Blocked,
    long BlockedCount,
    bool Stalls,
    string? Stall,
    IReadOnlyList<string> Fixes,
    string? Approximation)
{
    public const int ListedNodes = 10;

    /// <summary>The report for a replayed rollout on <see cref="RolloutOptions.Cluster"/>; null without nodes or for a StatefulSet.</summary>
    public static NodeCapacityReport? Of(RolloutResult result)
    {
        if (result.Options.Cluster is null || !result.Workload.Strategy.IsRollingUpdate)
            return null;
        return result.Workload.Kind switch
        {
            WorkloadKind.DaemonSet => DaemonSet(result),
            WorkloadKind.Deployment => DeploymentCapacity.Report(result),
            _ => null,
        };
    }

    private static NodeCapacityReport? DaemonSet(RolloutResult result)
    {
        var surge = result.Resolved.MaxSurge > 0;
        if (DaemonSetPlacement.For(result.Workload, result.Options, surge) is not { } placement)
            return null;
        var cluster = placement.Cluster;
        var need = placement.Need;
        var needText = surge
            ? $"{Describe(need)} and a pod slot on each node: with maxSurge the new pod ({placement.New}) starts beside the old one"
            : $"{Describe(need)} on each node: the new pod requests {placement.New}, the old one {placement.Old}, and without surge the old pod is deleted first, its requests freed once it has terminated";

        var blocked = new List<BlockedNode>();
        foreach (var run in placement.PendingRuns)
        {
            for (var node = run.From; node < run.To && blocked.Count < ListedNodes; node++)
                blocked.Add(new BlockedNode(cluster.Name(node), cluster.Free(node).ToString(), run.Shortage!));
        }

        var blockedCount = placement.PendingNodes;
        if (blockedCount == 0)
            return new NodeCapacityReport(cluster.Count, needText, blocked, 0, false, null, [], null);

        var pendingCreated = result.Steps.Where(step => step.Action == RolloutAction.CreatePod && step.Index >= 0 && !placement.Fits(step.Index)).Sum(step => step.Pods);
        var budget = surge ? $"maxSurge {result.Resolved.MaxSurge}" : $"maxUnavailable {result.Resolved.MaxUnavailable}";
        var updated = result.Steps.Count == 0 ? 0 : result.Steps[^1].New;
        var stall = result.Summary.Completes
            ? null
            : $"stalls after sync {result.Summary.LastProgressSync}: {Pods(pendingCreated)} Pending on {string.Join(", ", blocked.Take(3).Select(node => node.Name))}{(blockedCount > 3 ? ", …" : string.Empty)} use{(pendingCreated == 1 ? "s" : string.Empty)} up {budget}: {updated - pendingCreated} of {cluster.Count} nodes run the new pod, {pendingCreated} wait{(pendingCreated == 1 ? "s" : string.Empty)} for room, the rest keep the old one";

        var fixes = new List<string>();
        var deficitCpu = 0L;
        var deficitMemory = 0L;
        var minFreeCpu = long.MaxValue;
        var minFreeMemory = long.MaxValue;
        foreach (var run in placement.PendingRuns)
        {
            var free = cluster.Free(run.From);
            if (need.MilliCpu > 0 && free.MilliCpu is { } cpu)
            {
                deficitCpu = Math.Max(deficitCpu, need.MilliCpu - cpu);
                minFreeCpu = Math.Min(minFreeCpu, cpu);
            }

            if (need.MemoryBytes > 0 && free.MemoryBytes is { } memory)
            {
                deficitMemory = Math.Max(deficitMemory, need.MemoryBytes - memory);
                minFreeMemory = Math.Min(minFreeMemory, memory);
            }
        }

        var deficit = Describe(new PodRequests(Math.Max(0, deficitCpu), Math.Max(0, deficitMemory)));
        fixes.Add($"make room on {string.Join(", ", blocked.Take(5).Select(node => node.Name))}{(blockedCount > 5 ? $" and {blockedCount - 5} more nodes" : string.Empty)}: free {deficit} more by deleting other (non-DaemonSet) pods there (kubectl get pods -A -o wide --field-selector spec.nodeName={blocked[0].Name})");
        var smaller = new List<string>();
        var baseline = surge ? new PodRequests(0, 0) : placement.Old;
        if (deficitCpu > 0 && minFreeCpu != long.MaxValue)
            smaller.Add($"cpu {NodeResources.Cpu(baseline.MilliCpu + minFreeCpu)}");
        if (deficitMemory > 0 && minFreeMemory != long.MaxValue)
            smaller.Add($"memory {NodeResources.Memory(baseline.MemoryBytes + minFreeMemory)}");
        if (smaller.Count > 0)
            fixes.Add($"or request at most {string.Join(" and ", smaller)} per pod, which every node has room for");
        if (surge)
            fixes.Add("or roll with maxUnavailable instead of maxSurge: a node then needs only the difference between the new and the old requests");
        return new NodeCapacityReport(cluster.Count, needText, blocked, blockedCount, !result.Summary.Completes, stall, fixes, null);
    }

    internal static string Describe(PodRequests requests)
    {
        var parts = new List<string>();
        if (requests.MilliCpu > 0)
            parts.Add($"cpu {NodeResources.Cpu(requests.MilliCpu)}");
        if (requests.MemoryBytes > 0)
            parts.Add($"memory {NodeResources.Memory(requests.MemoryBytes)}");
        return parts.Count == 0 ? "nothing" : string.Join(" and ", parts);
    }

    internal static string Pods(long count) => count == 1 ? "1 new pod" : $"{count} new pods";
}
