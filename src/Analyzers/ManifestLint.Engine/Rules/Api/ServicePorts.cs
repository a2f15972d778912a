using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Rules.Api;

/// <summary>The <c>spec.ports</c> of a core/v1 Service, with its type after defaulting.</summary>
internal sealed record ServicePorts(ManifestMapping Spec, ManifestSequence? Ports, string Type)
{
    public static ServicePorts? From(Resource resource) =>
        resource.Kind == "Service" && ApiObjects.IsBuiltIn(resource) && resource.Spec is { } spec
            ? new ServicePorts(spec, spec.Sequence("ports"), ApiObjects.Text(spec["type"]) is { Length: > 0 } type ? type : "ClusterIP")
            : null;

    public IEnumerable<ManifestMapping> Items => ApiObjects.Items(Ports);

    /// <summary>A headless Service (<c>clusterIP: None</c>) or an ExternalName one may have no ports.</summary>
    public bool MayHaveNoPorts => Type == "ExternalName" || ApiObjects.Text(Spec["clusterIP"]) == "None";

    /// <summary>The protocol after defaulting: TCP.</summary>
    public static string Protocol(ManifestMapping port) => ApiObjects.Text(port["protocol"]) is { Length: > 0 } protocol ? protocol : "TCP";
}
