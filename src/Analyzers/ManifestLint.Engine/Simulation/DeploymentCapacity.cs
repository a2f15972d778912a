namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Room for a Deployment rollout on the given nodes, in closed form: the old pods spread evenly over the nodes (what
/// each node has free is counted with them running), the surge pods of the new template placed wherever they fit, and
/// every deleted old pod giving its node back its requests, deletions spread evenly too. The scheduler's real choice
/// depends on scoring, topology spread and affinity; this is an approximation and says so.
/// </summary>
internal static class DeploymentCapacity
{
    public const string ApproximationNote =
        "approximation: the old pods and their deletions are taken as spread evenly over the nodes, and new pods go wherever they fit; topology spread and affinity are not modelled";

    public static NodeCapacityReport Report(RolloutResult result)
    {
        var options = result.Options;
        var cluster = options.Cluster!;
        var @new = PodRequests.Of(result.Workload);
        var old = options.PreviousPodSpec is { } previous ? PodRequests.Of(previous) : @new;
        var replicas = result.Desired;
        var surge = result.Resolved.MaxSurge;
        var unavailable = result.Resolved.MaxUnavailable;
        var needText = $"{NodeCapacityReport.Describe(@new)} and a pod slot for each new pod; room for maxSurge {surge} extra {(surge == 1 ? "pod" : "pods")} beside the {replicas} old ones, and an old pod's requests ({NodeCapacityReport.Describe(old)}) back on its node once it is deleted";

        var blocked = new List<BlockedNode>();
        long blockedCount = 0;
        for (long node = 0; node < cluster.Count; node++)
        {
            // Nodes past the described ones are alike: one check stands for all of them.
            if (node >= cluster.Described.Count)
            {
                if (NodeFit.Shortage(cluster.EveryNode, @new.MilliCpu, @new.MemoryBytes, 1) is { } rest)
                {
                    blockedCount += cluster.Count - node;
                    for (var listed = node; listed < cluster.Count && blocked.Count < NodeCapacityReport.ListedNodes; listed++)
                        blocked.Add(new BlockedNode(cluster.Name(listed), cluster.EveryNode.ToString(), rest));
                }

                break;
            }

            if (NodeFit.Shortage(cluster.Free(node), @new.MilliCpu, @new.MemoryBytes, 1) is { } shortage)
            {
                blockedCount++;
                if (blocked.Count < NodeCapacityReport.ListedNodes)
                    blocked.Add(new BlockedNode(cluster.Name(node), cluster.Free(node).ToString(), shortage));
            }
        }

        var room = Capacity(cluster, replicas, removed: 0, old, @new);
        var total = Capacity(cluster, replicas, removed: replicas, old, @new);
        string? stall = null;
        var stalls = false;
        var fixes = new List<string>();
        if (room < surge || total < replicas)
        {
            var firstPending = FirstPendingStep(result, cluster, old, @new);
            var where = firstPending is { } step ? $" from sync {step.Sync} ({RolloutSimulator.Pods(step.Pending)} Pending after \"{step.Message}\")" : string.Empty;
            if (total < replicas)
            {
                stalls = true;
                stall = $"stalls: only {total} of {replicas} new pods fit even once every old pod is gone, so new pods stay Pending{where} and count as unavailable until maxUnavailable {unavailable} is used up";
            }
            else if (room == 0 && unavailable == 0)
            {
                stalls = true;
                stall = $"stalls at the first scale-up: no node has room for a surge pod, and maxUnavailable 0 lets no old pod go first{where}";
            }
            else
            {
                stall = $"slower: room for {room} of maxSurge {surge} extra pods; the other surge pods stay Pending{where} until deleted old pods free their nodes" +
                        (unavailable == 0 ? ", and with maxUnavailable 0 an old pod goes only once a surge pod is available" : $", and while Pending they use up maxUnavailable {unavailable}");
            }

            var deficit = new PodRequests(@new.MilliCpu, @new.MemoryBytes);
            fixes.Add($"make room for {Math.Max(1, surge - room)} more {(surge - room == 1 ? "pod" : "pods")} of {NodeCapacityReport.Describe(deficit)} on {(blockedCount > 0 ? string.Join(", ", blocked.Take(5).Select(node => node.Name)) : "the nodes")}");
            if (surge > 0 && unavailable == 0)
                fixes.Add($"or set maxUnavailable above 0 (e.g. maxSurge {Math.Max(0, Math.Min(surge, room))}, maxUnavailable 1): old pods then go first and free their room");
            else if (surge > room)
                fixes.Add($"or lower maxSurge to {room}, which the nodes have room for");
            if (@new.MemoryBytes > old.MemoryBytes || @new.MilliCpu > old.MilliCpu)
                fixes.Add($"or keep the requests at the old {NodeCapacityReport.Describe(old)}, which the old pods' room holds");
        }

        return new NodeCapacityReport(cluster.Count, needText, blocked, blockedCount, stalls, stall, fixes, ApproximationNote);
    }

    /// <summary>The first listed step with new pods beyond the room that the remaining old pods leave.</summary>
    private static (long Sync, long Pending, string Message)? FirstPendingStep(RolloutResult result, ClusterNodes cluster, PodRequests old, PodRequests @new)
    {
        foreach (var step in result.Steps)
        {
            var room = Capacity(cluster, result.Desired, result.Desired - step.Old, old, @new);
            if (step.New > room)
                return (step.Sync, step.New - room, step.Message);
        }

        return null;
    }

    /// <summary>
    /// New pods that fit on all nodes once <paramref name="removed"/> of the <paramref name="replicas"/> old pods are
    /// gone; both spread evenly (node i holds replicas/N old pods, one more for i below replicas mod N).
    /// </summary>
    internal static long Capacity(ClusterNodes cluster, long replicas, long removed, PodRequests old, PodRequests @new)
    {
        var nodes = cluster.Count;
        if (nodes == 0)
            return 0;
        long total = 0;
        long Fit(long node, long count)
        {
            var free = cluster.Free(node);
            var oldHere = (replicas / nodes) + (node < replicas % nodes ? 1 : 0);
            var removedHere = Math.Min(oldHere, (removed / nodes) + (node < removed % nodes ? 1 : 0));
            var freed = new NodeResources(
                free.MilliCpu is { } cpu ? Add(cpu, Times(removedHere, old.MilliCpu)) : null,
                free.MemoryBytes is { } memory ? Add(memory, Times(removedHere, old.MemoryBytes)) : null,
                free.Pods is { } pods ? Add(pods, removedHere) : null);
            var fits = NodeFit.Count(freed, @new.MilliCpu, @new.MemoryBytes);
            return fits == long.MaxValue ? long.MaxValue : Math.Min(long.MaxValue / Math.Max(1, nodes), fits) * count;
        }

        var described = Math.Min(cluster.Described.Count, nodes);
        for (long node = 0; node < described; node++)
            total = Add(total, Fit(node, 1));

        // The undescribed nodes differ only by the two prefix thresholds: at most three classes of alike nodes.
        var thresholds = new[] { described, Math.Max(described, Math.Min(nodes, replicas % nodes)), Math.Max(described, Math.Min(nodes, removed % nodes)), nodes }.Distinct().OrderBy(value => value).ToArray();
        for (var index = 0; index + 1 < thresholds.Length; index++)
            total = Add(total, Fit(thresholds[index], thresholds[index + 1] - thresholds[index]));
        return total;
    }

    // Saturating: --node-free takes any quantity, and a huge one must not wrap around.
    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Times(long count, long each) => count == 0 || each == 0 ? 0 : each > long.MaxValue / count ? long.MaxValue : count * each;
}
