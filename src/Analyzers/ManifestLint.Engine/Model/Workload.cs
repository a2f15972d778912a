using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Model;

public enum WorkloadKind
{
    Deployment,
    DaemonSet,
    StatefulSet,
}

/// <summary>A value after Kubernetes defaulting, with the node it was written at (null when defaulted).</summary>
public readonly record struct Defaulted<T>(T Value, ManifestScalar? Node)
{
    public bool IsDefault => Node is null;
}

/// <summary>
/// A Deployment, DaemonSet or StatefulSet seen after Kubernetes defaulting (k8s-semantics §1.11), so rules judge
/// what the API server judges, while every value still points at the node it came from.
/// </summary>
public sealed class Workload
{
    private Workload(Resource resource, WorkloadKind kind, ManifestMapping spec)
    {
        Resource = resource;
        Kind = kind;
        Spec = spec;
        Template = spec.Mapping("template");
        Selector = spec.Mapping("selector");
        Replicas = kind == WorkloadKind.DaemonSet ? null : Integer(spec, "replicas", 1);
        MinReadySeconds = Integer(spec, "minReadySeconds", 0);
        RevisionHistoryLimit = Integer(spec, "revisionHistoryLimit", 10);
        ProgressDeadlineSeconds = kind == WorkloadKind.Deployment ? Integer(spec, "progressDeadlineSeconds", 600) : null;
        Strategy = new UpdateStrategy(this);
    }

    public Resource Resource { get; }

    public WorkloadKind Kind { get; }

    public ManifestMapping Spec { get; }

    /// <summary>The <c>spec</c> key, the place to report what is missing from the spec.</summary>
    public ManifestNode SpecKey => Resource.Root.KeyNode("spec") ?? (ManifestNode)Spec;

    public ManifestMapping? Template { get; }

    public ManifestMapping? TemplateSpec => Template?.Mapping("spec");

    public ManifestMapping? TemplateLabels => Template?.Mapping("metadata")?.Mapping("labels");

    public ManifestMapping? Selector { get; }

    /// <summary>Desired replicas (default 1); null for a DaemonSet, which runs one pod per node.</summary>
    public Defaulted<long>? Replicas { get; }

    public Defaulted<long> MinReadySeconds { get; }

    public Defaulted<long> RevisionHistoryLimit { get; }

    /// <summary>Deployment only; defaults to 600.</summary>
    public Defaulted<long>? ProgressDeadlineSeconds { get; }

    public UpdateStrategy Strategy { get; }

    /// <summary>The strategy field this kind uses: <c>strategy</c> for Deployments, <c>updateStrategy</c> otherwise.</summary>
    public string StrategyField => Kind == WorkloadKind.Deployment ? "strategy" : "updateStrategy";

    public static Workload? From(Resource resource)
    {
        if (!IsAppsGroup(resource.ApiVersion) || resource.Spec is not { } spec)
            return null;
        return resource.Kind switch
        {
            "Deployment" => new Workload(resource, WorkloadKind.Deployment, spec),
            "DaemonSet" => new Workload(resource, WorkloadKind.DaemonSet, spec),
            "StatefulSet" => new Workload(resource, WorkloadKind.StatefulSet, spec),
            _ => null,
        };
    }

    // apps/v1 plus the removed versions ML7001 reports; their objects are still linted for everything else.
    private static bool IsAppsGroup(string apiVersion) =>
        apiVersion is "apps/v1" or "apps/v1beta1" or "apps/v1beta2" or "extensions/v1beta1";

    private static Defaulted<long> Integer(ManifestMapping mapping, string key, long defaultValue) =>
        mapping.Scalar(key) is { } node && node.TryGetInteger(out var value)
            ? new Defaulted<long>(value, node)
            : new Defaulted<long>(defaultValue, null);
}

/// <summary>The update strategy of a workload after defaulting.</summary>
public sealed class UpdateStrategy
{
    public const string RollingUpdateType = "RollingUpdate";

    public const string RecreateType = "Recreate";

    public const string OnDeleteType = "OnDelete";

    private readonly ManifestNode specKey;

    internal UpdateStrategy(Workload workload)
    {
        specKey = workload.SpecKey;
        Key = workload.Spec.KeyNode(workload.StrategyField);
        Node = workload.Spec.Mapping(workload.StrategyField);
        TypeNode = Node?.Scalar("type");
        Type = TypeNode is { Value.Length: > 0 } ? TypeNode.Value : RollingUpdateType;
        RollingUpdateKey = Node?.KeyNode("rollingUpdate");
        RollingUpdate = Node?.Mapping("rollingUpdate");
        // A StatefulSet whose type was left empty gets an empty rollingUpdate block (and so partition 0).
        HasRollingUpdateBlock = Type == RollingUpdateType &&
            (workload.Kind != WorkloadKind.StatefulSet || RollingUpdate is not null || TypeNode is not { Value.Length: > 0 });
        if (Type != RollingUpdateType)
            return;

        var surge = RollingUpdate?.Scalar("maxSurge");
        var unavailable = RollingUpdate?.Scalar("maxUnavailable");
        switch (workload.Kind)
        {
            case WorkloadKind.Deployment:
                MaxSurge = surge is null ? IntOrPercent.Percent(25) : IntOrPercent.Parse(surge);
                MaxUnavailable = unavailable is null ? IntOrPercent.Percent(25) : IntOrPercent.Parse(unavailable);
                break;
            case WorkloadKind.DaemonSet:
                MaxSurge = surge is null ? IntOrPercent.Integer(0) : IntOrPercent.Parse(surge);
                MaxUnavailable = unavailable is null ? IntOrPercent.Integer(1) : IntOrPercent.Parse(unavailable);
                break;
            case WorkloadKind.StatefulSet:
                // Absent maxUnavailable means 1 pod at a time; it only exists with the MaxUnavailableStatefulSet gate.
                MaxUnavailable = unavailable is null ? null : IntOrPercent.Parse(unavailable);
                var partition = RollingUpdate?.Scalar("partition");
                Partition = partition is not null && partition.TryGetInteger(out var value)
                    ? new Defaulted<long>(value, partition)
                    : new Defaulted<long>(0, null);
                break;
        }
    }

    /// <summary>The <c>strategy</c>/<c>updateStrategy</c> key, when written.</summary>
    public ManifestScalar? Key { get; }

    /// <summary>The strategy mapping, when written.</summary>
    public ManifestMapping? Node { get; }

    /// <summary>The type after defaulting: an absent or empty type is RollingUpdate.</summary>
    public string Type { get; }

    public ManifestScalar? TypeNode { get; }

    public bool IsRollingUpdate => Type == RollingUpdateType;

    public bool IsRecreate => Type == RecreateType;

    public bool IsOnDelete => Type == OnDeleteType;

    /// <summary>
    /// Whether the defaulted object has a <c>rollingUpdate</c> block: always for a rolling Deployment or DaemonSet;
    /// for a StatefulSet only when written or when the type was left empty (<c>kubectl rollout status</c> differs).
    /// </summary>
    public bool HasRollingUpdateBlock { get; }

    /// <summary>
    /// Where to report a value that Kubernetes defaulted: the nearest written node of the strategy
    /// (the <c>rollingUpdate</c> key, the <c>type</c>, the strategy key), else the <c>spec</c> key.
    /// </summary>
    public ManifestNode DefaultedValueAnchor => RollingUpdateKey ?? TypeNode ?? Key ?? specKey;

    /// <summary>The written node of <paramref name="value"/>, else <see cref="DefaultedValueAnchor"/>.</summary>
    public ManifestNode NodeOf(IntOrPercent value) => value.Node ?? DefaultedValueAnchor;

    public ManifestScalar? RollingUpdateKey { get; }

    /// <summary>The <c>rollingUpdate</c> block as written.</summary>
    public ManifestMapping? RollingUpdate { get; }

    /// <summary>Defaulted maxSurge for a rolling Deployment or DaemonSet; null otherwise.</summary>
    public IntOrPercent? MaxSurge { get; }

    /// <summary>Defaulted maxUnavailable for a rolling Deployment or DaemonSet; for a StatefulSet only when written.</summary>
    public IntOrPercent? MaxUnavailable { get; }

    /// <summary>StatefulSet partition (default 0); null for other kinds or strategies.</summary>
    public Defaulted<long>? Partition { get; }
}
