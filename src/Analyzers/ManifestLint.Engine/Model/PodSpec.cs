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
}

/// <summary>One entry of <c>tolerations</c>.</summary>
public sealed record TolerationView(ManifestMapping Node, int Index)
{
    public ManifestScalar? Key => Node.Scalar("key");

    public ManifestScalar? Operator => Node.Scalar("operator");

    public ManifestScalar? Value => Node.Scalar("value");

    public ManifestScalar? Effect => Node.Scalar("effect");

    public ManifestScalar? TolerationSeconds => Node.Scalar("tolerationSeconds");
}

/// <summary>The pod spec inside any object that makes pods (Pod, workloads, Jobs, CronJobs, PodTemplates).</summary>
public sealed class PodSpecView
{
    private PodSpecView(Resource resource, ManifestMapping node)
    {
        Resource = resource;
        Node = node;
    }

    public Resource Resource { get; }

    public ManifestMapping Node { get; }

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

    public IEnumerable<ContainerView> Containers()
    {
        foreach (var (field, kind) in new[]
                 {
                     ("initContainers", ContainerKind.InitContainer),
                     ("containers", ContainerKind.Container),
                     ("ephemeralContainers", ContainerKind.EphemeralContainer),
                 })
        {
            if (Node.Sequence(field) is not { } sequence)
                continue;
            for (var index = 0; index < sequence.Items.Count; index++)
            {
                if (sequence.Items[index] is ManifestMapping container)
                    yield return new ContainerView(container, kind, index);
            }
        }
    }

    public IEnumerable<TolerationView> Tolerations()
    {
        if (Node.Sequence("tolerations") is not { } sequence)
            yield break;
        for (var index = 0; index < sequence.Items.Count; index++)
        {
            if (sequence.Items[index] is ManifestMapping toleration)
                yield return new TolerationView(toleration, index);
        }
    }
}
