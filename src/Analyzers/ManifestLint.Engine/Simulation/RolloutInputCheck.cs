using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>A value the API server rejects, which keeps the simulator from replaying the workload.</summary>
public sealed record RolloutInputProblem(ManifestNode Node, string Message);

/// <summary>
/// Finds values the API server rejects (k8s-semantics §1.2–§1.5). Such a workload never rolls out, and the static
/// rules already report why, so the simulator and its rules skip it instead of guessing.
/// </summary>
public static class RolloutInputCheck
{
    public static IReadOnlyList<RolloutInputProblem> Problems(Workload workload, KubernetesVersion version)
    {
        var problems = new List<RolloutInputProblem>();
        var spec = workload.Spec;
        if (workload.Template is null)
            problems.Add(new RolloutInputProblem(workload.SpecKey, "spec.template is required"));

        if (workload.Kind != WorkloadKind.DaemonSet)
            NonNegativeInteger(spec, "replicas", problems);
        NonNegativeInteger(spec, "minReadySeconds", problems);
        if (workload.Kind == WorkloadKind.Deployment && NonNegativeInteger(spec, "progressDeadlineSeconds", problems) &&
            workload.ProgressDeadlineSeconds is { } deadline && deadline.Value <= workload.MinReadySeconds.Value)
        {
            problems.Add(new RolloutInputProblem(
                (ManifestNode?)deadline.Node ?? workload.MinReadySeconds.Node ?? workload.SpecKey,
                $"progressDeadlineSeconds {deadline.Value} must be greater than minReadySeconds {workload.MinReadySeconds.Value}"));
        }

        Strategy(workload, version, problems);
        return problems;
    }

    private static void Strategy(Workload workload, KubernetesVersion version, List<RolloutInputProblem> problems)
    {
        var strategy = workload.Strategy;
        var at = (ManifestNode?)strategy.TypeNode ?? (ManifestNode?)strategy.Key ?? workload.SpecKey;
        var field = $"spec.{workload.StrategyField}";
        var alternative = workload.Kind == WorkloadKind.Deployment ? "Recreate" : "OnDelete";
        if (strategy.Type != UpdateStrategy.RollingUpdateType && strategy.Type != alternative)
        {
            problems.Add(new RolloutInputProblem(at, $"{field}.type '{strategy.Type}' is not RollingUpdate or {alternative}"));
            return;
        }

        if (!strategy.IsRollingUpdate)
        {
            // DaemonSet OnDelete ignores a rollingUpdate block; the other two kinds reject it.
            if (workload.Kind != WorkloadKind.DaemonSet && strategy.RollingUpdateKey is { } key)
                problems.Add(new RolloutInputProblem(key, $"{field}.rollingUpdate is not allowed with type {strategy.Type}"));
            return;
        }

        var surge = strategy.MaxSurge;
        var unavailable = strategy.MaxUnavailable;
        switch (workload.Kind)
        {
            case WorkloadKind.Deployment:
                Valid(surge, "maxSurge", field, problems);
                Valid(unavailable, "maxUnavailable", field, problems);
                AtMost100(unavailable, "maxUnavailable", field, problems);
                if (surge is { IsZero: true } && unavailable is { IsZero: true })
                    problems.Add(new RolloutInputProblem(Where(unavailable, strategy, workload), $"{field}.rollingUpdate.maxUnavailable may not be 0 when maxSurge is 0"));
                break;
            case WorkloadKind.DaemonSet:
                Valid(surge, "maxSurge", field, problems);
                Valid(unavailable, "maxUnavailable", field, problems);
                AtMost100(surge, "maxSurge", field, problems);
                AtMost100(unavailable, "maxUnavailable", field, problems);
                if (surge is { IsZero: false } && unavailable is { IsZero: false })
                    problems.Add(new RolloutInputProblem(Where(surge, strategy, workload), $"{field}.rollingUpdate.maxSurge may not be set when maxUnavailable is non-zero (maxUnavailable defaults to 1)"));
                else if (surge is { IsZero: true } && unavailable is { IsZero: true })
                    problems.Add(new RolloutInputProblem(Where(unavailable, strategy, workload), $"{field}.rollingUpdate.maxUnavailable cannot be 0 when maxSurge is 0"));
                break;
            case WorkloadKind.StatefulSet:
                if (strategy.RollingUpdate?["partition"] is { } partition &&
                    !(partition is ManifestScalar scalar && (scalar.IsNull || (scalar.TryGetInteger(out var value) && value >= 0))))
                {
                    problems.Add(new RolloutInputProblem(partition, $"{field}.rollingUpdate.partition must be a non-negative integer"));
                }

                // Without the MaxUnavailableStatefulSet gate the registry drops the field before validation.
                if (RolloutSimulator.StatefulSetMaxUnavailableEnabled(version) && unavailable is not null)
                {
                    Valid(unavailable, "maxUnavailable", field, problems);
                    AtMost100(unavailable, "maxUnavailable", field, problems);
                    if (unavailable is { IsValid: true, IsZero: true })
                        problems.Add(new RolloutInputProblem(Where(unavailable, strategy, workload), $"{field}.rollingUpdate.maxUnavailable cannot be 0"));
                }

                break;
        }
    }

    private static ManifestNode Where(IntOrPercent? value, UpdateStrategy strategy, Workload workload) =>
        (ManifestNode?)value?.Node ?? (ManifestNode?)strategy.RollingUpdateKey ?? (ManifestNode?)strategy.Key ?? workload.SpecKey;

    private static void Valid(IntOrPercent? value, string name, string field, List<RolloutInputProblem> problems)
    {
        if (value is { IsValid: false, Node: { } node })
            problems.Add(new RolloutInputProblem(node, $"{field}.rollingUpdate.{name} '{value.Text}' {value.Problem}"));
    }

    private static void AtMost100(IntOrPercent? value, string name, string field, List<RolloutInputProblem> problems)
    {
        if (value is { Form: IntOrPercentForm.Percent, Value: > 100, Node: { } node })
            problems.Add(new RolloutInputProblem(node, $"{field}.rollingUpdate.{name} {value.Text} must not be greater than 100%"));
    }

    /// <summary>Checks an optional integer field; false when it is written but unusable.</summary>
    private static bool NonNegativeInteger(ManifestMapping spec, string key, List<RolloutInputProblem> problems)
    {
        if (spec[key] is not { } node || node is ManifestScalar { IsNull: true })
            return true;
        if (node is ManifestScalar scalar && scalar.TryGetInteger(out var value))
        {
            if (value >= 0 && value <= int.MaxValue)
                return true;
            problems.Add(new RolloutInputProblem(node, $"spec.{key} {value} must be between 0 and {int.MaxValue}"));
            return false;
        }

        problems.Add(new RolloutInputProblem(node, $"spec.{key} must be an integer"));
        return false;
    }
}
