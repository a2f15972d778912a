using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Rules.Readiness;

/// <summary>One requirement of a label selector, with the node to report when the template does not satisfy it.</summary>
/// <param name="Identity">Equal for requirements that match the same labels, and only for those (length-prefixed parts).</param>
internal sealed record SelectorRequirement(ManifestNode Node, string Description, string Identity, Func<IReadOnlyDictionary<string, string>, string?> Mismatch);

/// <summary>One <c>matchLabels</c> pair of a label selector, with its nodes.</summary>
internal readonly record struct MatchLabel(string Key, string Value, ManifestScalar KeyNode, ManifestScalar ValueNode);

/// <summary>
/// <c>spec.selector</c> and <c>spec.template.metadata.labels</c> of the controllers that own pods by selector
/// (k8s-semantics §1.7): Deployment, DaemonSet, StatefulSet, ReplicaSet.
/// </summary>
internal sealed class LabelSelectorView
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal) { "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet" };

    private LabelSelectorView(Resource resource, ManifestMapping spec)
    {
        Resource = resource;
        Spec = spec;
        SelectorKey = spec.KeyNode("selector");
        Selector = spec.Mapping("selector");
        Template = spec.Mapping("template");
    }

    public Resource Resource { get; }

    public ManifestMapping Spec { get; }

    public ManifestScalar? SelectorKey { get; }

    public ManifestMapping? Selector { get; }

    public ManifestMapping? Template { get; }

    /// <summary>extensions/v1beta1 and apps/v1beta1 filled a missing selector in from the template labels; later versions require it.</summary>
    public bool SelectorDefaultsFromTemplate => Resource.ApiVersion is "extensions/v1beta1" or "apps/v1beta1";

    public ManifestSequence? MatchExpressions => Selector?.Sequence("matchExpressions");

    public ManifestMapping? MatchLabels => Selector?.Mapping("matchLabels");

    public bool IsEmpty => (MatchLabels?.Entries.Count ?? 0) == 0 && (MatchExpressions?.Items.Count ?? 0) == 0;

    public static LabelSelectorView? From(Resource resource)
    {
        if (!Kinds.Contains(resource.Kind) || !IsAppsGroup(resource.ApiVersion) || resource.Spec is not { } spec)
            return null;
        return new LabelSelectorView(resource, spec);
    }

    /// <summary>The template labels as strings; null label values read as empty, as the API decodes them.</summary>
    public IReadOnlyDictionary<string, string> TemplateLabels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Template?.Mapping("metadata")?.Mapping("labels")?.Entries ?? [])
        {
            if (entry.Value is ManifestScalar scalar)
                labels[entry.Key.Value] = scalar.IsNull ? string.Empty : scalar.Value;
        }

        return labels;
    }

    /// <summary>The well-formed requirements; malformed ones are left to schema validation.</summary>
    public IEnumerable<SelectorRequirement> Requirements() => RequirementsOf(Selector);

    /// <summary>The <c>matchLabels</c> pairs with a scalar value (null reads as the empty string), in order.</summary>
    public static IEnumerable<MatchLabel> MatchLabelsOf(ManifestMapping? selector)
    {
        foreach (var entry in selector?.Mapping("matchLabels")?.Entries ?? [])
        {
            if (entry.Value is ManifestScalar value)
                yield return new MatchLabel(entry.Key.Value, value.IsNull ? string.Empty : value.Value, entry.Key, value);
        }
    }

    /// <summary>The well-formed requirements of any label selector mapping (PodDisruptionBudgets use them too).</summary>
    public static IEnumerable<SelectorRequirement> RequirementsOf(ManifestMapping? selector)
    {
        foreach (var (key, wanted, keyNode, valueNode) in MatchLabelsOf(selector))
        {
            yield return new SelectorRequirement(
                valueNode.IsNull ? keyNode : valueNode,
                $"matchLabels {key}={wanted}",
                $"={Part(key)}{Part(wanted)}",
                labels => !labels.TryGetValue(key, out var actual)
                    ? $"the template has no label '{key}'"
                    : actual == wanted ? null : $"the template label is {key}={actual}");
        }

        foreach (var item in selector?.Sequence("matchExpressions")?.Items ?? [])
        {
            if (item is not ManifestMapping expression || expression.Scalar("key") is not { } keyNode || expression.Scalar("operator") is not { } operatorNode)
                continue;
            var key = keyNode.Value;
            var values = (expression.Sequence("values")?.Items ?? []).OfType<ManifestScalar>().Select(scalar => scalar.Value).ToArray();
            var description = values.Length == 0
                ? $"matchExpressions '{key} {operatorNode.Value}'"
                : $"matchExpressions '{key} {operatorNode.Value} [{string.Join(", ", values)}]'";
            Func<IReadOnlyDictionary<string, string>, string?>? mismatch = operatorNode.Value switch
            {
                "In" => labels => !labels.TryGetValue(key, out var actual)
                    ? $"the template has no label '{key}'"
                    : values.Contains(actual, StringComparer.Ordinal) ? null : $"the template label is {key}={actual}",
                // NotIn matches objects that lack the key.
                "NotIn" => labels => labels.TryGetValue(key, out var actual) && values.Contains(actual, StringComparer.Ordinal)
                    ? $"the template label is {key}={actual}"
                    : null,
                "Exists" => labels => labels.ContainsKey(key) ? null : $"the template has no label '{key}'",
                "DoesNotExist" => labels => labels.TryGetValue(key, out var actual) ? $"the template label is {key}={actual}" : null,
                _ => null,
            };
            if (mismatch is not null)
                yield return new SelectorRequirement(keyNode, description, $"({Part(operatorNode.Value)}{Part(key)}{string.Concat(values.Select(Part))})", mismatch);
        }
    }

    private static string Part(string text) => $"{text.Length}:{text}";

    private static bool IsAppsGroup(string apiVersion) =>
        apiVersion.StartsWith("apps/", StringComparison.Ordinal) || apiVersion == "extensions/v1beta1";
}
