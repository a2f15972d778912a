using ManifestLint.Engine.Configuration;

namespace ManifestLint.Engine.Simulation;

/// <summary>When a new pod counts as available, in controller syncs (k8s-semantics §3.5).</summary>
public enum ReadinessModel
{
    /// <summary>A pod created in sync k is available from sync k+2: the controller re-syncs once before it turns Ready, as on real clusters.</summary>
    Lagged,

    /// <summary>A pod created in sync k is available from sync k+1.</summary>
    Instant,
}

/// <summary>The inputs of one rollout simulation besides the workload itself.</summary>
public sealed record RolloutOptions
{
    public static RolloutOptions Default { get; } = new();

    public ReadinessModel Readiness { get; init; } = ReadinessModel.Lagged;

    /// <summary>Nodes a DaemonSet runs on (its desiredNumberScheduled).</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>Replaces the manifest's replicas (Deployments and StatefulSets).</summary>
    public long? Replicas { get; init; }

    /// <summary>Seconds from pod creation to Ready; with minReadySeconds it turns syncs into estimated timestamps.</summary>
    public long? PodStartupSeconds { get; init; }

    /// <summary>New pods never become available (image typo, crash loop): shows where the rollout stalls.</summary>
    public bool NewPodsFail { get; init; }

    /// <summary>Decides whether StatefulSet maxUnavailable is honoured (MaxUnavailableStatefulSet: 1.35.0–1.35.3 and 1.37+).</summary>
    public KubernetesVersion KubernetesVersion { get; init; } = KubernetesVersion.Newest;

    /// <summary>
    /// A guard against a controller loop that never settles; reaching it ends the simulation as a stall with
    /// <see cref="RolloutSummary.StoppedBySyncLimit"/>. Null: 4 syncs per desired pod plus 100, more than any
    /// healthy rollout needs (a pod takes at most 3 syncs: replace, wait, turn available).
    /// </summary>
    public long? MaxSyncs { get; init; }

    /// <summary>What the nodes have free (<c>--node-free</c>, <c>--node</c>, <c>rollout.nodes</c>); null: room everywhere.</summary>
    public ClusterNodes? Cluster { get; init; }

    /// <summary>The pod spec of the old template, whose requests the old pods hold; null: they request what the new ones do.</summary>
    public Loading.ManifestMapping? PreviousPodSpec { get; init; }

    /// <summary>Nodes lost during the rollout (<c>--lose-node K</c>): the replay is followed by their effect on availability.</summary>
    public long? LostNodes { get; init; }

    /// <summary>The listed step after which the nodes are lost (<c>--at-step S</c>); 0: before the rollout starts.</summary>
    public int LostAtStep { get; init; }

    /// <summary>Skips runs of identical rounds (see <c>RolloutRecorder.Skip</c>); tests switch it off to compare with the full replay.</summary>
    internal bool SkipRepeatedRounds { get; init; } = true;

    internal long SyncLimit(long desired) => MaxSyncs ?? (4 * Math.Max(0, desired)) + 100;

    /// <summary>The options <c>check</c> uses: the configuration's node count and Kubernetes version, lagged readiness.</summary>
    public static RolloutOptions From(LintConfiguration configuration) => new()
    {
        Nodes = configuration.Rollout.Nodes,
        KubernetesVersion = configuration.KubernetesVersion,
    };

    internal int ReadinessLag => Readiness == ReadinessModel.Lagged ? 2 : 1;

    internal long SecondsToAvailable(long minReadySeconds) => (PodStartupSeconds ?? 0) + minReadySeconds;
}
