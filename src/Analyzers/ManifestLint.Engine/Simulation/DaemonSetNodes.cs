using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>Whether a DaemonSet runs on a node (the controller's NodeShouldRunDaemonPod).</summary>
internal enum DaemonSetPresence
{
    /// <summary>The node should run the daemon pod.</summary>
    Runs,

    /// <summary>A NoSchedule taint is not tolerated: no new pod, but a pod already there keeps running.</summary>
    KeepsRunning,

    /// <summary>The nodeSelector or required node affinity excludes the node: a pod there is deleted.</summary>
    Excluded,
}

/// <summary>One kind of node in the replayed cluster: workers, or kubeadm control-plane nodes.</summary>
internal sealed record NodeGroup(string Prefix, long Count, bool ControlPlane)
{
    public string Name(long number) => $"{Prefix}-{number}";
}

/// <summary>Nodes of one group that join or leave the DaemonSet when its template changes.</summary>
/// <param name="Joining">Nodes that should run the daemon now and did not before: the manage pass creates the new pod at once.</param>
/// <param name="Leaving">Nodes the selector or affinity excludes now: the manage pass deletes their pod.</param>
/// <param name="Lingering">Nodes whose NoSchedule taint is no longer tolerated: their old pod keeps running, outside the rollout.</param>
internal sealed record NodeGroupChange(NodeGroup Group, bool Joining, bool Leaving, bool Lingering, bool Rolling);

/// <summary>
/// The nodes a DaemonSet replay runs on: <see cref="RolloutOptions.Nodes"/> workers and
/// <see cref="RolloutOptions.ControlPlaneNodes"/> control-plane nodes as kubeadm sets them up (taint
/// <c>node-role.kubernetes.io/control-plane:NoSchedule</c>, label <c>node-role.kubernetes.io/control-plane</c>);
/// every node is labelled <c>kubernetes.io/os=linux</c> and <c>kubernetes.io/arch=amd64</c>. Selectors on other labels
/// cannot be decided: the replay assumes every node carries them and says so.
/// </summary>
internal static class DaemonSetNodes
{
    public const string ControlPlaneKey = "node-role.kubernetes.io/control-plane";

    public static NodeGroup[] Groups(RolloutOptions options) =>
        [new NodeGroup("node", Math.Max(0, options.Nodes), ControlPlane: false), new NodeGroup("control-plane", Math.Max(0, options.ControlPlaneNodes), ControlPlane: true)];

    /// <summary>Where the DaemonSet's template runs; label keys the model does not know are added to <paramref name="unknownLabels"/>.</summary>
    public static DaemonSetPresence Fit(Workload workload, NodeGroup group, ISet<string> unknownLabels)
    {
        var spec = workload.TemplateSpec;
        if (!SelectorMatches(spec, group, unknownLabels))
            return DaemonSetPresence.Excluded;
        return !group.ControlPlane || ToleratesControlPlane(workload) ? DaemonSetPresence.Runs : DaemonSetPresence.KeepsRunning;
    }

    /// <summary>How each group fares when the template changes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static NodeGroupChange[] Changes(Workload before, Workload after, RolloutOptions options, ISet<string> unknownLabels) =>
        Groups(options).Where(group => group.Count > 0).Select(group =>
        {
            var was = Fit(before, group, unknownLabels);
            var now = Fit(after, group, unknownLabels);
            return new NodeGroupChange(group, Joining: was != DaemonSetPresence.Runs && now == DaemonSetPresence.Runs, Leaving: was == DaemonSetPresence.Runs && now == DaemonSetPresence.Excluded,
                Lingering: was == DaemonSetPresence.Runs && now == DaemonSetPresence.KeepsRunning, Rolling: was == DaemonSetPresence.Runs && now == DaemonSetPresence.Runs);
        }).ToArray();

    /// <summary>A toleration of the control-plane taint: its key (or an empty key with Exists), effect NoSchedule or any.</summary>
    private static bool ToleratesControlPlane(Workload workload) =>
        (PodSpecView.From(workload.Resource)?.Tolerations() ?? []).Any(toleration =>
            (toleration.EffectText.Length == 0 || toleration.EffectText == "NoSchedule") &&
            (toleration.EffectiveOperator == "Exists"
                ? toleration.KeyText.Length == 0 || toleration.KeyText == ControlPlaneKey
                : toleration.KeyText == ControlPlaneKey && toleration.ValueText.Length == 0));

    private static bool SelectorMatches(ManifestMapping? spec, NodeGroup group, ISet<string> unknownLabels)
    {
        if (spec?.Mapping("nodeSelector") is { } selector)
        {
            foreach (var entry in selector.Entries)
            {
                if (!IsKnown(entry.Key.Value))
                    unknownLabels.Add(entry.Key.Value);
                else if (Label(entry.Key.Value, group) != (entry.Value as ManifestScalar)?.Value)
                    return false;
            }
        }

        var terms = spec?.Mapping("affinity")?.Mapping("nodeAffinity")?.Mapping("requiredDuringSchedulingIgnoredDuringExecution")?.Sequence("nodeSelectorTerms");
        if (terms is null || terms.Items.Count == 0)
            return true;
        // Terms are ORed, the expressions of a term ANDed.
        return terms.Items.OfType<ManifestMapping>().Any(term =>
            (term.Sequence("matchExpressions")?.Items.OfType<ManifestMapping>() ?? []).All(expression => ExpressionMatches(expression, group, unknownLabels)));
    }

    private static bool ExpressionMatches(ManifestMapping expression, NodeGroup group, ISet<string> unknownLabels)
    {
        var key = expression.String("key") ?? string.Empty;
        var values = expression.Sequence("values")?.Items.OfType<ManifestScalar>().Select(value => value.Value).ToArray() ?? [];
        var known = IsKnown(key);
        if (!known)
        {
            unknownLabels.Add(key);
            return true;
        }

        var value = Label(key, group);
        return expression.String("operator") switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            _ => true,
        };
    }

    private static bool IsKnown(string key) => key is "kubernetes.io/os" or "kubernetes.io/arch" or ControlPlaneKey;

    /// <summary>The node's value for a known label key, null when the node has no such label.</summary>
    private static string? Label(string key, NodeGroup group) => key switch
    {
        "kubernetes.io/os" => "linux",
        "kubernetes.io/arch" => "amd64",
        _ => group.ControlPlane ? string.Empty : null,
    };
}
