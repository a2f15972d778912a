using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Model;

public enum ContainerKind
{
    Container,
    InitContainer,
    EphemeralContainer,
}

/// <summary>One entry of <c>containers</c>, <c>initContainers</c> or <c>ephemeralContainers</c>.</summary>
public sealed record ContainerView(ManifestMapping Node, ContainerKind Kind, int Index)
{
    /// <summary>The container's name, or its index when it has none.</summary>
    public string Name => Node.String("name") ?? $"#{Index}";

    public string Describe() => Kind switch
    {
        ContainerKind.InitContainer => $"init container '{Name}'",
        ContainerKind.EphemeralContainer => $"ephemeral container '{Name}'",
        _ => $"container '{Name}'",
    };

    /// <summary>The <c>image</c> value as written (a null scalar for <c>image:</c>), or null when the key is absent.</summary>
    public ManifestNode? ImageNode => Node["image"];

    /// <summary>The <c>image</c> string, or null when it is absent, null or not a scalar.</summary>
    public ManifestScalar? Image => Node.Scalar("image");

    public ManifestScalar? ImagePullPolicy => Node.Scalar("imagePullPolicy");

    /// <summary>Where to report something about the whole container: its <c>name</c> value, else the container itself.</summary>
    public ManifestNode Anchor => (ManifestNode?)Node.Scalar("name") ?? Node;
}

/// <summary>One entry of <c>tolerations</c>.</summary>
public sealed record TolerationView(ManifestMapping Node, int Index)
{
    public ManifestScalar? Key => Node.Scalar("key");

    public ManifestScalar? Operator => Node.Scalar("operator");

    public ManifestScalar? Value => Node.Scalar("value");

    public ManifestScalar? Effect => Node.Scalar("effect");

    public ManifestScalar? TolerationSeconds => Node.Scalar("tolerationSeconds");

    /// <summary>The key as text; empty when absent or null (an empty key with Exists matches every key).</summary>
    public string KeyText => Key?.Value ?? "";

    /// <summary>The operator as written; empty when absent or null.</summary>
    public string OperatorText => Operator?.Value ?? "";

    /// <summary>The operator after defaulting: an empty operator means <c>Equal</c>.</summary>
    public string EffectiveOperator => OperatorText.Length == 0 ? "Equal" : OperatorText;

    public string ValueText => Value?.Value ?? "";

    /// <summary>The effect as written; empty means every effect.</summary>
    public string EffectText => Effect?.Value ?? "";

    /// <summary>Names the toleration in messages: <c>toleration 'dedicated'</c>, or by index when it has no key.</summary>
    public string Describe() => KeyText.Length > 0 ? $"toleration '{KeyText}'" : $"toleration #{Index}";
}

/// <summary>The pod spec inside any object that makes pods (Pod, workloads, Jobs, CronJobs, PodTemplates).</summary>
public sealed class PodSpecView
{
    private ContainerView[]? containers;
    private TolerationView[]? tolerations;

    private PodSpecView(Resource resource, ManifestMapping node)
    {
        Resource = resource;
        Node = node;
    }

    public Resource Resource { get; }

    public ManifestMapping Node { get; }

    /// <summary>
    /// False for StatefulSets: their pod template is not Pod-validated, so pod-spec errors surface only when the
    /// controller's pod creations are rejected (k8s-semantics.md §1.4 item 6).
    /// </summary>
    public bool IsValidatedByApiServer => Resource.Kind != "StatefulSet";

    /// <summary>True for a Pod object itself, as opposed to a template inside another object.</summary>
    public bool IsPod => Resource.Kind == "Pod";

    /// <summary>What happens to a pod-spec error the API server checks, worded for this object's kind.</summary>
    public string Rejection => IsValidatedByApiServer
        ? $"the API server rejects the {Resource.Kind}"
        : "the StatefulSet is accepted but its pods are rejected";

    public static PodSpecView? From(Resource resource)
    {
        var spec = resource.Spec;
        var podSpec = resource.Kind switch
        {
            "Pod" => spec,
            "PodTemplate" => resource.Root.Mapping("template")?.Mapping("spec"),
            "CronJob" => spec?.Mapping("jobTemplate")?.Mapping("spec")?.Mapping("template")?.Mapping("spec"),
            "Deployment" or "DaemonSet" or "StatefulSet" or "ReplicaSet" or "ReplicationController" or "Job" =>
                spec?.Mapping("template")?.Mapping("spec"),
            _ => null,
        };
        return podSpec is null ? null : new PodSpecView(resource, podSpec);
    }

    /// <summary>Init containers, then containers, then ephemeral containers; read once, since most rules ask.</summary>
    public IReadOnlyList<ContainerView> Containers() => containers ??= ReadContainers();

    public IReadOnlyList<TolerationView> Tolerations() => tolerations ??= ReadTolerations();

    private ContainerView[] ReadContainers()
    {
        var views = new List<ContainerView>();
        Add("initContainers", ContainerKind.InitContainer);
        Add("containers", ContainerKind.Container);
        Add("ephemeralContainers", ContainerKind.EphemeralContainer);
        return views.ToArray();

        void Add(string field, ContainerKind kind)
        {
            if (Node.Sequence(field) is not { } sequence)
                return;
            for (var index = 0; index < sequence.Items.Count; index++)
            {
                if (sequence.Items[index] is ManifestMapping container)
                    views.Add(new ContainerView(container, kind, index));
            }
        }
    }

    private TolerationView[] ReadTolerations()
    {
        if (Node.Sequence("tolerations") is not { } sequence)
            return [];
        var views = new List<TolerationView>(sequence.Items.Count);
        for (var index = 0; index < sequence.Items.Count; index++)
        {
            if (sequence.Items[index] is ManifestMapping toleration)
                views.Add(new TolerationView(toleration, index));
        }

        return views.ToArray();
    }
}
