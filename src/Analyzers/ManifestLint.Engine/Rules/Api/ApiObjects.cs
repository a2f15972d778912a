using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Rules.Readiness;

namespace ManifestLint.Engine.Rules.Api;

/// <summary>A label selector inside an object: a <c>LabelSelector</c> (matchLabels/matchExpressions) or a plain label map.</summary>
internal sealed record SelectorNode(ManifestMapping Node, bool IsLabelMap)
{
    public string Path(Resource resource) => Node.PathFrom(resource.Root);
}

/// <summary>Where the API server's object-level checks look: metadata blocks and label selectors of any kind.</summary>
internal static class ApiObjects
{
    // The API groups that serve each built-in kind these rules judge ("" is the core group, apiVersion v1), so that a
    // custom resource of the same kind (a Knative Service, say) is left alone.
    private static readonly Dictionary<string, string[]> GroupsByKind = new(StringComparer.Ordinal)
    {
        ["Pod"] = [""], ["Service"] = [""], ["Namespace"] = [""], ["ConfigMap"] = [""], ["Secret"] = [""],
        ["ServiceAccount"] = [""], ["Endpoints"] = [""], ["PersistentVolume"] = [""], ["PersistentVolumeClaim"] = [""],
        ["ResourceQuota"] = [""], ["LimitRange"] = [""], ["PodTemplate"] = [""], ["ReplicationController"] = [""],
        ["Deployment"] = ["apps", "extensions"], ["DaemonSet"] = ["apps", "extensions"], ["ReplicaSet"] = ["apps", "extensions"],
        ["StatefulSet"] = ["apps"], ["Job"] = ["batch"], ["CronJob"] = ["batch"],
        ["Ingress"] = ["networking.k8s.io", "extensions"], ["IngressClass"] = ["networking.k8s.io"],
        ["NetworkPolicy"] = ["networking.k8s.io", "extensions"], ["PodDisruptionBudget"] = ["policy"],
        ["Role"] = ["rbac.authorization.k8s.io"], ["ClusterRole"] = ["rbac.authorization.k8s.io"],
        ["RoleBinding"] = ["rbac.authorization.k8s.io"], ["ClusterRoleBinding"] = ["rbac.authorization.k8s.io"],
        ["HorizontalPodAutoscaler"] = ["autoscaling"], ["StorageClass"] = ["storage.k8s.io"], ["PriorityClass"] = ["scheduling.k8s.io"],
    };

    /// <summary>True when the object is one of the built-in kinds these rules know, served by its own API group.</summary>
    public static bool IsBuiltIn(Resource resource)
    {
        if (!GroupsByKind.TryGetValue(resource.Kind, out var groups))
            return false;
        var slash = resource.ApiVersion.IndexOf('/');
        var group = slash < 0 ? "" : resource.ApiVersion.Substring(0, slash);
        return groups.Contains(group, StringComparer.Ordinal);
    }

    /// <summary>The object's own metadata and the metadata of the templates inside it, which the API server validates alike.</summary>
    public static IEnumerable<ManifestMapping> MetadataBlocks(Resource resource)
    {
        if (resource.Metadata is { } metadata)
            yield return metadata;
        foreach (var template in Templates(resource))
        {
            if (template.Mapping("metadata") is { } templateMetadata)
                yield return templateMetadata;
        }
    }

    /// <summary>Pod and Job templates: <c>spec.template</c>, <c>template</c> of a PodTemplate, a CronJob's job template and its pod template.</summary>
    public static IEnumerable<ManifestMapping> Templates(Resource resource)
    {
        switch (resource.Kind)
        {
            case "PodTemplate":
                if (resource.Root.Mapping("template") is { } podTemplate)
                    yield return podTemplate;
                break;
            case "CronJob":
                if (resource.Spec?.Mapping("jobTemplate") is { } jobTemplate)
                {
                    yield return jobTemplate;
                    if (jobTemplate.Mapping("spec")?.Mapping("template") is { } jobPodTemplate)
                        yield return jobPodTemplate;
                }

                break;
            case "Deployment" or "DaemonSet" or "StatefulSet" or "ReplicaSet" or "ReplicationController" or "Job":
                if (resource.Spec?.Mapping("template") is { } template)
                    yield return template;
                break;
        }
    }

    /// <summary>Every label selector the API server validates in this object.</summary>
    public static IEnumerable<SelectorNode> Selectors(RuleContext context)
    {
        var resource = context.Resource;
        if (!IsBuiltIn(resource))
            yield break;
        var spec = resource.Spec;
        if (LabelSelectorView.From(resource)?.Selector is { } workloadSelector)
            yield return new SelectorNode(workloadSelector, false);
        switch (resource.Kind)
        {
            case "Job" when spec?.Mapping("selector") is { } jobSelector:
                yield return new SelectorNode(jobSelector, false);
                break;
            case "CronJob" when spec?.Mapping("jobTemplate")?.Mapping("spec")?.Mapping("selector") is { } cronJobSelector:
                yield return new SelectorNode(cronJobSelector, false);
                break;
            case "PodDisruptionBudget" when spec?.Mapping("selector") is { } budgetSelector:
                yield return new SelectorNode(budgetSelector, false);
                break;
            case "NetworkPolicy" when spec?.Mapping("podSelector") is { } podSelector:
                yield return new SelectorNode(podSelector, false);
                break;
            case "Service" or "ReplicationController" when spec?.Mapping("selector") is { } labelMap:
                yield return new SelectorNode(labelMap, true);
                break;
        }

        if (context.PodSpec is not { } podSpec)
            yield break;
        foreach (var constraint in Items(podSpec.Node.Sequence("topologySpreadConstraints")))
        {
            if (constraint.Mapping("labelSelector") is { } selector)
                yield return new SelectorNode(selector, false);
        }

        var affinity = podSpec.Node.Mapping("affinity");
        foreach (var field in new[] { "podAffinity", "podAntiAffinity" })
        {
            var terms = affinity?.Mapping(field);
            var required = Items(terms?.Sequence("requiredDuringSchedulingIgnoredDuringExecution"));
            var preferred = Items(terms?.Sequence("preferredDuringSchedulingIgnoredDuringExecution"))
                .Select(weighted => weighted.Mapping("podAffinityTerm"))
                .OfType<ManifestMapping>();
            foreach (var term in required.Concat(preferred))
            {
                if (term.Mapping("labelSelector") is { } labelSelector)
                    yield return new SelectorNode(labelSelector, false);
                if (term.Mapping("namespaceSelector") is { } namespaceSelector)
                    yield return new SelectorNode(namespaceSelector, false);
            }
        }
    }

    /// <summary>The mapping items of a sequence; other items are left to the schema check.</summary>
    public static IEnumerable<ManifestMapping> Items(ManifestSequence? sequence) =>
        sequence?.Items.OfType<ManifestMapping>() ?? [];

    /// <summary>The string value of a scalar, or null when it is null or decodes as another type (the schema check reports those).</summary>
    public static string? Text(ManifestNode? node) => node is ManifestScalar { IsNull: false, IsString: true } scalar ? scalar.Value : null;

    /// <summary>The integer value of a plain scalar, or null.</summary>
    public static long? Integer(ManifestNode? node) => node is ManifestScalar scalar && scalar.TryGetInteger(out var value) ? value : null;

    /// <summary>The key a mapping sits under (where to report what is missing from it), else the mapping itself.</summary>
    public static ManifestNode KeyOf(ManifestMapping node) =>
        (node.Parent as ManifestMapping)?.KeyNode(node.KeyInParent ?? "") ?? (ManifestNode)node;

    /// <summary>What the API server does with an object it finds invalid.</summary>
    public static string Rejection(RuleContext context) => $"the API server rejects the {context.Resource.Kind}";
}
