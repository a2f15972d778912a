using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Rules.Readiness;

namespace ManifestLint.Engine.Simulation;

/// <summary>What a PodDisruptionBudget demands of the pods it selects, resolved for a number of expected pods.</summary>
/// <param name="DesiredHealthy">Healthy pods the budget keeps: an eviction is refused when it would leave fewer.</param>
/// <param name="Explanation">How the number was resolved, e.g. "minAvailable 90% of 3 pods rounds up to 3".</param>
/// <param name="AlwaysZeroReason">Set when the disruption controller cannot count the pods and keeps disruptionsAllowed at 0.</param>
public sealed record BudgetNumbers(long DesiredHealthy, string Explanation, string? AlwaysZeroReason)
{
    /// <summary>
    /// disruptionsAllowed as the disruption controller computes it: healthy (Ready, not terminating) pods minus
    /// desiredHealthy, never below 0, and 0 while the budget expects no pods (disruption.go updatePdbStatus).
    /// </summary>
    public long DisruptionsAllowed(long healthy, long expected) =>
        AlwaysZeroReason is not null || expected <= 0 ? 0 : Math.Max(0, healthy - DesiredHealthy);
}

/// <summary>
/// A policy PodDisruptionBudget: its selector and either <c>minAvailable</c> or <c>maxUnavailable</c>. The eviction
/// API consults it (kubectl drain, the cluster autoscaler); the workload controllers do not, rollouts included.
/// </summary>
public sealed class DisruptionBudget
{
    private readonly Func<IReadOnlyDictionary<string, string>, string?>[] requirements;

    private DisruptionBudget(Resource resource, ManifestMapping spec)
    {
        // The object's own nodes and names, not the Resource: that holds the whole file's text, and the run keeps
        // every budget until its end.
        Id = resource.Id;
        Path = resource.File.Path;
        Root = resource.Root;
        KindNode = resource.KindNode;
        SelectorKey = spec.KeyNode("selector");
        Selector = spec.Mapping("selector");
        MinAvailable = spec.Scalar("minAvailable") is { } min ? IntOrPercent.Parse(min) : null;
        MaxUnavailable = spec.Scalar("maxUnavailable") is { } max ? IntOrPercent.Parse(max) : null;
        var selectorRequirements = LabelSelectorView.RequirementsOf(Selector).ToArray();
        requirements = selectorRequirements.Select(requirement => requirement.Mismatch).ToArray();
        Requirements = Selector is null ? null : string.Concat(selectorRequirements.Select(requirement => requirement.Identity));
        MatchLabels = LabelSelectorView.MatchLabelsOf(Selector).Select(label => new KeyValuePair<string, string>(label.Key, label.Value)).ToArray();
    }

    public ResourceId Id { get; }

    /// <summary>The file, as findings show it.</summary>
    public string Path { get; }

    public ManifestMapping Root { get; }

    public ManifestScalar KindNode { get; }

    public string Name => Id.Name;

    /// <summary>The namespace, <c>default</c> when the manifest leaves it to kubectl.</summary>
    public string Namespace => Id.Namespace ?? "default";

    public ManifestScalar? SelectorKey { get; }

    public ManifestMapping? Selector { get; }

    /// <summary>What the selector requires: equal for budgets whose selectors match the same labels; null without a selector.</summary>
    public string? Requirements { get; }

    /// <summary>The selector's <c>matchLabels</c> pairs: a pod lacking one of them is not selected.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> MatchLabels { get; }

    public IntOrPercent? MinAvailable { get; }

    public IntOrPercent? MaxUnavailable { get; }

    /// <summary>The field the budget is defined by, for messages: "minAvailable 2", "maxUnavailable 0".</summary>
    public string Definition => MaxUnavailable is { } max ? $"maxUnavailable {max.Text}" : MinAvailable is { } min ? $"minAvailable {min.Text}" : "no minAvailable or maxUnavailable";

    /// <summary>The node to report the budget's numbers at.</summary>
    public ManifestNode DefinitionNode => (ManifestNode?)MaxUnavailable?.Node ?? (ManifestNode?)MinAvailable?.Node ?? Root.KeyNode("spec") ?? KindNode;

    public static DisruptionBudget? From(Resource resource) =>
        IsBudget(resource) ? new DisruptionBudget(resource, resource.Spec!) : null;

    /// <summary>True when both are the same object of the run: a file checked again brings new objects for it.</summary>
    public bool IsSameObject(DisruptionBudget other) => Path == other.Path && Root.Start.Offset == other.Root.Start.Offset;

    /// <summary>True when <see cref="From"/> reads the resource as a budget.</summary>
    public static bool IsBudget(Resource resource) =>
        resource.Kind == "PodDisruptionBudget" && resource.ApiVersion.StartsWith("policy/", StringComparison.Ordinal) && resource.Spec is not null;

    /// <summary>
    /// True when the budget selects pods with these labels. In policy/v1 an empty selector selects every pod of the
    /// namespace and a missing one selects none.
    /// </summary>
    public bool Selects(IReadOnlyDictionary<string, string> labels)
    {
        if (Selector is null)
            return false;
        foreach (var mismatch in requirements)
        {
            if (mismatch(labels) is not null)
                return false;
        }

        return true;
    }

    /// <summary>
    /// Resolves the budget for <paramref name="expectedPods"/> pods of controllers with a scale; for DaemonSet pods
    /// (<paramref name="scalable"/> false) only an integer minAvailable works, as the disruption controller finds no
    /// scale for them and fails safe (disruption.go getExpectedScale, failSafe).
    /// </summary>
    public BudgetNumbers? Resolve(long expectedPods, bool scalable)
    {
        // The disruption controller rounds both percentages up (GetScaledValueFromIntOrPercent(..., true)).
        if (MaxUnavailable is { IsValid: true } max)
        {
            if (!scalable)
                return new BudgetNumbers(expectedPods, $"maxUnavailable {max.Text}", "the disruption controller cannot count DaemonSet pods against maxUnavailable (a DaemonSet has no scale subresource), so it keeps disruptionsAllowed at 0");
            var unavailable = max.Scale(expectedPods, roundUp: true);
            return new BudgetNumbers(Math.Max(0, expectedPods - unavailable), $"{RolloutSimulator.Describe("maxUnavailable", max, expectedPods, "pod", roundUp: true)}, so {Math.Max(0, expectedPods - unavailable)} of {expectedPods} must stay healthy", null);
        }

        if (MinAvailable is { IsValid: true } min)
        {
            if (min.IsPercent && !scalable)
                return new BudgetNumbers(expectedPods, $"minAvailable {min.Text}", "the disruption controller cannot resolve a percentage for DaemonSet pods (a DaemonSet has no scale subresource), so it keeps disruptionsAllowed at 0");
            var healthy = min.Scale(expectedPods, roundUp: true);
            return new BudgetNumbers(healthy, $"{RolloutSimulator.Describe("minAvailable", min, expectedPods, "pod", roundUp: true)}, so {healthy} of {expectedPods} must stay healthy", null);
        }

        return null;
    }
}
