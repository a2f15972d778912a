namespace ManifestLint.Engine.Loading;

/// <summary>Which object a finding is about.</summary>
public sealed record ResourceId(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}

/// <summary>One Kubernetes object: a document, or one item of a <c>kind: List</c>.</summary>
public sealed class Resource
{
    // Objects of these kinds have no namespace; every other kind lands in "default" when none is written.
    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass", "APIService", "CSIDriver", "CSINode",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "VolumeAttachment", "ClusterIssuer", "PodSecurityPolicy",
    };

    internal Resource(SourceFile file, ManifestMapping root, ManifestScalar apiVersion, ManifestScalar kind)
    {
        File = file;
        Root = root;
        ApiVersionNode = apiVersion;
        KindNode = kind;
        var metadata = root.Mapping("metadata");
        var name = metadata?.String("name") ?? metadata?.String("generateName") ?? "<unnamed>";
        var ns = metadata?.String("namespace") ?? (ClusterScopedKinds.Contains(kind.Value) ? null : "default");
        Id = new ResourceId(apiVersion.Value, kind.Value, ns, name);
    }

    public SourceFile File { get; }

    public ManifestMapping Root { get; }

    public ResourceId Id { get; }

    public string Kind => Id.Kind;

    public string ApiVersion => Id.ApiVersion;

    public ManifestScalar ApiVersionNode { get; }

    public ManifestScalar KindNode { get; }

    public ManifestMapping? Metadata => Root.Mapping("metadata");

    public ManifestMapping? Spec => Root.Mapping("spec");

    /// <summary>The value of a <c>metadata.annotations</c> entry, with its node.</summary>
    public ManifestScalar? Annotation(string key) => Metadata?.Mapping("annotations")?.Scalar(key);

    /// <summary>The same object, its file reduced to the path: for a check that keeps the object after its file's.</summary>
    internal Resource WithoutFileText() => new(new SourceFile(File.Path, string.Empty), Root, ApiVersionNode, KindNode);
}
