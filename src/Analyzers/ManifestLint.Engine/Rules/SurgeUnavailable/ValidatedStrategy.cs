using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

/// <summary>
/// The maxSurge/maxUnavailable the API server validates for one workload, after defaulting: only rolling strategies
/// have them, and a StatefulSet's maxUnavailable only counts when the MaxUnavailableStatefulSet gate keeps it
/// (otherwise the registry drops it before validation and ML2009 reports it).
/// </summary>
internal sealed class ValidatedStrategy
{
    private ValidatedStrategy(Workload workload, IntOrPercent? maxSurge, IntOrPercent? maxUnavailable)
    {
        Workload = workload;
        MaxSurge = maxSurge;
        MaxUnavailable = maxUnavailable;
    }

    public Workload Workload { get; }

    public Model.UpdateStrategy Strategy => Workload.Strategy;

    public WorkloadKind Kind => Workload.Kind;

    /// <summary>Null for a StatefulSet, which has no surge.</summary>
    public IntOrPercent? MaxSurge { get; }

    public IntOrPercent? MaxUnavailable { get; }

    /// <summary>Both values are valid, so arithmetic on them means something (an invalid one is ML2001's alone).</summary>
    public bool AllValid => MaxSurge?.IsValid != false && MaxUnavailable?.IsValid != false;

    /// <summary>The API server's "may not both be 0" check fails (ML2003); the other arithmetic rules stay quiet then.</summary>
    public bool BothZero => AllValid && MaxUnavailable is { IsZero: true } && MaxSurge?.IsZero != false;

    public static ValidatedStrategy? From(RuleContext context)
    {
        if (context.Workload is not { Strategy.IsRollingUpdate: true } workload)
            return null;
        if (workload.Kind != WorkloadKind.StatefulSet)
            return new ValidatedStrategy(workload, workload.Strategy.MaxSurge, workload.Strategy.MaxUnavailable);
        return workload.Strategy.MaxUnavailable is { } maxUnavailable && RolloutMath.MaxUnavailableStatefulSetEnabled(context.KubernetesVersion)
            ? new ValidatedStrategy(workload, null, maxUnavailable)
            : null;
    }

    /// <summary>"maxSurge 1", or "maxSurge defaults to 0" for a defaulted value.</summary>
    public static string Describe(string field, IntOrPercent value) =>
        value.IsDefault ? $"{field} defaults to {value.Display}" : $"{field} {value.Display}";
}
