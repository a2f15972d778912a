using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>A run of consecutive nodes where the new pod fits, or stays Pending for the same reason.</summary>
/// <param name="From">First node index.</param>
/// <param name="To">One past the last node index.</param>
/// <param name="Shortage">The scheduler's reason ("Insufficient memory"); null where the pod fits.</param>
public sealed record NodeRun(long From, long To, string? Shortage)
{
    public long Count => To - From;
}

/// <summary>
/// Where the new pods of a DaemonSet rollout fit (k8s-semantics §3.3 with node resources): without surge the old pod is
/// deleted first and its requests are freed once it has terminated, so a node needs only the difference between the
/// new and the old requests; with surge the new pod starts beside the old one and needs its whole request and a pod
/// slot. Kept as runs of nodes, so a thousand identical nodes are one run.
/// </summary>
public sealed class DaemonSetPlacement
{
    private readonly NodeRun[] runs;

    private DaemonSetPlacement(ClusterNodes cluster, PodRequests old, PodRequests @new, bool surge, NodeRun[] runs)
    {
        Cluster = cluster;
        Old = old;
        New = @new;
        Surge = surge;
        this.runs = runs;
    }

    public ClusterNodes Cluster { get; }

    public PodRequests Old { get; }

    public PodRequests New { get; }

    public bool Surge { get; }

    /// <summary>What one node needs free for the new pod: the difference without surge, the whole request with it.</summary>
    public PodRequests Need => Surge ? New : new PodRequests(Math.Max(0, New.MilliCpu - Old.MilliCpu), Math.Max(0, New.MemoryBytes - Old.MemoryBytes));

    public IReadOnlyList<NodeRun> Runs => runs;

    /// <summary>The runs where the new pod stays Pending.</summary>
    public IEnumerable<NodeRun> PendingRuns => runs.Where(run => run.Shortage is not null);

    public long PendingNodes => PendingRuns.Sum(run => run.Count);

    /// <summary>The placement for a DaemonSet rollout with <see cref="RolloutOptions.Cluster"/>; null without one.</summary>
    public static DaemonSetPlacement? For(Workload workload, RolloutOptions options, bool surge)
    {
        if (options.Cluster is not { } cluster)
            return null;
        var @new = PodRequests.Of(workload);
        var old = options.PreviousPodSpec is { } previous ? PodRequests.Of(previous) : @new;
        var needCpu = surge ? @new.MilliCpu : Math.Max(0, @new.MilliCpu - old.MilliCpu);
        var needMemory = surge ? @new.MemoryBytes : Math.Max(0, @new.MemoryBytes - old.MemoryBytes);
        var slots = surge ? 1 : 0;

        var runs = new List<NodeRun>();
        void Add(long from, long to, string? shortage)
        {
            if (to <= from)
                return;
            if (runs.Count > 0 && runs[^1].Shortage == shortage)
                runs[^1] = runs[^1] with { To = to };
            else
                runs.Add(new NodeRun(from, to, shortage));
        }

        for (var index = 0; index < cluster.Described.Count && index < cluster.Count; index++)
            Add(index, index + 1, NodeFit.Shortage(cluster.Described[index].Free, needCpu, needMemory, slots));
        Add(cluster.Described.Count, cluster.Count, NodeFit.Shortage(cluster.EveryNode, needCpu, needMemory, slots));
        return new DaemonSetPlacement(cluster, old, @new, surge, runs.ToArray());
    }

    /// <summary>The run holding <paramref name="node"/>.</summary>
    public NodeRun RunOf(long node)
    {
        int low = 0, high = runs.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (runs[middle].From <= node)
                low = middle;
            else
                high = middle - 1;
        }

        return runs[low];
    }

    public bool Fits(long node) => runs.Length == 0 || RunOf(node).Shortage is null;

    /// <summary>One past the last node after <paramref name="node"/> where the pod fits exactly as it does on <paramref name="node"/>.</summary>
    public long SameUntil(long node) => runs.Length == 0 ? Cluster.Count : RunOf(node).To;

    public string NodeName(long node) => Cluster.Name(node);
}
