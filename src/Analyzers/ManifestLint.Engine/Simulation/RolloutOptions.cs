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

    /// <summary>Worker nodes a DaemonSet runs on (its desiredNumberScheduled, when its selectors and tolerations let it run on all of them).</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>
    /// Control-plane nodes besides <see cref="Nodes"/>, tainted <c>node-role.kubernetes.io/control-plane:NoSchedule</c>
    /// as kubeadm sets them up: a DaemonSet runs on them only when it tolerates the taint.
    /// </summary>
    public int ControlPlaneNodes { get; init; }

    /// <summary>
    /// A change preview: the workload before the change. A DaemonSet compares its node set with it (nodes that join
    /// or leave when tolerations, nodeSelector or node affinity change).
    /// </summary>
    public Model.Workload? Previous { get; init; }

    /// <summary>Replaces the manifest's replicas (Deployments and StatefulSets).</summary>
    public long? Replicas { get; init; }

    /// <summary>
    /// A change preview: the replicas before the change. When they differ from the replicas after it, the Deployment
    /// controller handles the scaling event first (<c>sync.go</c> <c>scale</c>) and scales the old ReplicaSet to the new
    /// count before the rollout starts. Ignored with <see cref="Replicas"/>.
    /// </summary>
    public long? ReplicasBefore { get; init; }

    /// <summary>Seconds from pod creation to Ready; with minReadySeconds it turns syncs into estimated timestamps.</summary>
    public long? PodStartupSeconds { get; init; }

    /// <summary>
    /// Seconds an old pod takes to stop once deleted. Null: the template's terminationGracePeriodSeconds (default 30),
    /// the upper bound the kubelet enforces before it kills the containers.
    /// </summary>
    public long? TerminationSeconds { get; init; }

    /// <summary>New pods never become available (image typo, crash loop): shows where the rollout stalls.</summary>
    public bool NewPodsFail { get; init; }

    /// <summary>Why new pods fail when the manifest itself says so (a finding of <see cref="RolloutInputCheck.NeverStarting"/>); null for <c>--new-pods-fail</c>.</summary>
    public string? NewPodsFailCause { get; init; }

    /// <summary>The API server rejects every new pod (a StatefulSet template Pod validation refuses): the pods are never created.</summary>
    public bool NewPodsRejected { get; init; }

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

    /// <summary>The old ReplicaSet's size when the rollout starts: the replicas before a change preview, else the desired count.</summary>
    internal long StartReplicas(long desired) => Replicas is null && ReplicasBefore is { } before ? Math.Max(0, before) : desired;

    internal long SyncLimit(long desired) => MaxSyncs ?? (4 * Math.Max(0, desired)) + 100;

    /// <summary>The options <c>check</c> uses: the configuration's node count and Kubernetes version, lagged readiness.</summary>
    public static RolloutOptions From(LintConfiguration configuration) => new()
    {
        Nodes = configuration.Rollout.Nodes,
        KubernetesVersion = configuration.KubernetesVersion,
    };

    /// <summary>The start of a stall reason when new pods fail: why, when the manifest says so.</summary>
    internal string NewPodsFailure => NewPodsFailCause is null ? "new pods never become available" : $"new pods can never start ({NewPodsFailCause})";

    /// <summary>Seconds a deleted pod of <paramref name="workload"/> keeps running, and holding its node resources, before it is gone.</summary>
    public long SecondsToTerminate(Model.Workload workload) =>
        TerminationSeconds ?? (workload.TemplateSpec?.Scalar("terminationGracePeriodSeconds") is { } grace && grace.TryGetInteger(out var seconds) && seconds >= 0 ? seconds : 30);

    /// <summary>"30 s, terminationGracePeriodSeconds" or "10 s, --termination-seconds".</summary>
    public string SecondsToTerminateText(Model.Workload workload) =>
        $"{SecondsToTerminate(workload)} s, {(TerminationSeconds is null ? "terminationGracePeriodSeconds" : "--termination-seconds")}";

    internal int ReadinessLag => Readiness == ReadinessModel.Lagged ? 2 : 1;

    internal long SecondsToAvailable(long minReadySeconds) => (PodStartupSeconds ?? 0) + minReadySeconds;
}
