namespace ManifestLint.Engine.Model;

/// <summary>maxSurge/maxUnavailable of a Deployment resolved against its replicas (deployment_util ResolveFenceposts).</summary>
/// <param name="Surge">maxSurge scaled against replicas, rounded up.</param>
/// <param name="Unavailable">maxUnavailable scaled against replicas, rounded down; forced to 1 when both are 0.</param>
/// <param name="UnavailableForced">True when both resolved to 0 and the controller forced one unavailable pod.</param>
public sealed record DeploymentFenceposts(long Replicas, long Surge, long Unavailable, bool UnavailableForced)
{
    /// <summary>Why the values cannot be resolved (an invalid maxSurge or maxUnavailable); null when they can.</summary>
    /// <remarks>The controller then works with 0/0 and MaxUnavailable 0, as deployment_util does on error.</remarks>
    public string? Error { get; init; }

    public bool IsValid => Error is null;

    /// <summary>The controller's MaxUnavailable: clamped to replicas, 0 when there are none.</summary>
    public long MaxUnavailable => Replicas == 0 ? 0 : Math.Min(Unavailable, Replicas);

    public long MinAvailable => Replicas - MaxUnavailable;

    public long MaxTotal => Replicas + Surge;
}

/// <summary>maxSurge/maxUnavailable of a DaemonSet resolved against the nodes that run it (daemonset_util).</summary>
public sealed record DaemonSetBudget(long Nodes, long Surge, long Unavailable, bool UnavailableForced)
{
    /// <summary>Why the values cannot be resolved (an invalid maxSurge or maxUnavailable); null when they can.</summary>
    public string? Error { get; init; }

    public bool IsValid => Error is null;
}

/// <summary>The controllers' arithmetic, shared by the rules and the rollout evaluator (k8s-semantics §2).</summary>
public static class RolloutMath
{
    /// <summary>The first version whose default feature gates honour StatefulSet <c>maxUnavailable</c> for good (k8s-semantics §6).</summary>
    public static readonly KubernetesVersion MaxUnavailableStatefulSetOnByDefault = new(1, 37);

    /// <summary>The 1.35 patch that switched the gate off again (k/k #137926), after it had been on in 1.35.0–1.35.3.</summary>
    public static readonly KubernetesVersion MaxUnavailableStatefulSetSwitchedOff = new(1, 35, 4);

    /// <summary>
    /// Deployment fenceposts. A null value counts as the integer 0, as in the controller; an invalid one makes the
    /// resolution fail (<see cref="DeploymentFenceposts.Error"/>).
    /// </summary>
    public static DeploymentFenceposts ResolveDeployment(IntOrPercent? maxSurge, IntOrPercent? maxUnavailable, long replicas)
    {
        var surgeValue = maxSurge ?? IntOrPercent.Integer(0);
        var unavailableValue = maxUnavailable ?? IntOrPercent.Integer(0);
        if (!surgeValue.TryScale(replicas, roundUp: true, out var surge))
            return new DeploymentFenceposts(replicas, 0, 0, false) { Error = $"maxSurge {surgeValue.Display} is not a valid integer or percentage" };
        if (!unavailableValue.TryScale(replicas, roundUp: false, out var unavailable))
            return new DeploymentFenceposts(replicas, 0, 0, false) { Error = $"maxUnavailable {unavailableValue.Display} is not a valid integer or percentage" };

        // Both zero would deadlock the rollout; the controller allows one unavailable pod (surge might not fit a quota).
        var forced = surge == 0 && unavailable == 0;
        return new DeploymentFenceposts(replicas, surge, forced ? 1 : unavailable, forced);
    }

    /// <summary>DaemonSet budget against the nodes that should run the daemon; a null value counts as 0.</summary>
    public static DaemonSetBudget ResolveDaemonSet(IntOrPercent? maxSurge, IntOrPercent? maxUnavailable, long nodes)
    {
        var surgeValue = maxSurge ?? IntOrPercent.Integer(0);
        var unavailableValue = maxUnavailable ?? IntOrPercent.Integer(0);
        // Both round up for DaemonSets, unlike Deployments.
        if (!surgeValue.TryScale(nodes, roundUp: true, out var surge))
            return new DaemonSetBudget(nodes, 0, 0, false) { Error = $"maxSurge {surgeValue.Display} is not a valid integer or percentage" };
        if (!unavailableValue.TryScale(nodes, roundUp: true, out var unavailable))
            return new DaemonSetBudget(nodes, 0, 0, false) { Error = $"maxUnavailable {unavailableValue.Display} is not a valid integer or percentage" };

        var forced = nodes > 0 && surge == 0 && unavailable == 0;
        return new DaemonSetBudget(nodes, surge, forced ? 1 : unavailable, forced);
    }

    /// <summary>StatefulSet maxUnavailable: absent means 1; percentages round down, then at least 1.</summary>
    public static long ResolveStatefulSetMaxUnavailable(IntOrPercent? maxUnavailable, long replicas) =>
        maxUnavailable is null ? 1 : Math.Max(1, maxUnavailable.Scale(replicas, roundUp: false));

    /// <summary>
    /// Whether the default feature gates of <paramref name="version"/> honour StatefulSet <c>maxUnavailable</c>
    /// (k8s-semantics §1.4, §6): alpha (off) before 1.35, on in 1.35.0–1.35.3, off from 1.35.4 and in all of 1.36, on
    /// from 1.37. A version without a patch means its newest patch, so plain 1.35 is off.
    /// </summary>
    public static bool MaxUnavailableStatefulSetEnabled(KubernetesVersion version) =>
        version >= MaxUnavailableStatefulSetOnByDefault ||
        (version.Major == 1 && version.Minor == 35 && version.Patch < MaxUnavailableStatefulSetSwitchedOff.Patch);
}
