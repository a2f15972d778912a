namespace ManifestLint.Engine.Model;

/// <summary>maxSurge/maxUnavailable of a Deployment resolved against its replicas (deployment_util ResolveFenceposts).</summary>
/// <param name="Surge">maxSurge scaled against replicas, rounded up.</param>
/// <param name="Unavailable">maxUnavailable scaled against replicas, rounded down; forced to 1 when both are 0.</param>
/// <param name="UnavailableForced">True when both resolved to 0 and the controller forced one unavailable pod.</param>
public sealed record DeploymentFenceposts(long Replicas, long Surge, long Unavailable, bool UnavailableForced)
{
    /// <summary>The controller's MaxUnavailable: clamped to replicas, 0 when there are none.</summary>
    public long MaxUnavailable => Replicas == 0 ? 0 : Math.Min(Unavailable, Replicas);

    public long MinAvailable => Replicas - MaxUnavailable;

    public long MaxTotal => Replicas + Surge;
}

/// <summary>maxSurge/maxUnavailable of a DaemonSet resolved against the nodes that run it (daemonset_util).</summary>
public sealed record DaemonSetBudget(long Nodes, long Surge, long Unavailable, bool UnavailableForced);

/// <summary>The controllers' arithmetic, shared by the rules and the rollout evaluator (k8s-semantics §2).</summary>
public static class RolloutMath
{
    public static DeploymentFenceposts ResolveDeployment(IntOrPercent maxSurge, IntOrPercent maxUnavailable, long replicas)
    {
        var surge = maxSurge.Scale(replicas, roundUp: true);
        var unavailable = maxUnavailable.Scale(replicas, roundUp: false);
        // Both zero would deadlock the rollout; the controller allows one unavailable pod (surge might not fit a quota).
        var forced = surge == 0 && unavailable == 0;
        return new DeploymentFenceposts(replicas, surge, forced ? 1 : unavailable, forced);
    }

    public static DaemonSetBudget ResolveDaemonSet(IntOrPercent maxSurge, IntOrPercent maxUnavailable, long nodes)
    {
        // Both round up for DaemonSets, unlike Deployments.
        var surge = maxSurge.Scale(nodes, roundUp: true);
        var unavailable = maxUnavailable.Scale(nodes, roundUp: true);
        var forced = nodes > 0 && surge == 0 && unavailable == 0;
        return new DaemonSetBudget(nodes, surge, forced ? 1 : unavailable, forced);
    }

    /// <summary>StatefulSet maxUnavailable: absent means 1; percentages round down, then at least 1.</summary>
    public static long ResolveStatefulSetMaxUnavailable(IntOrPercent? maxUnavailable, long replicas) =>
        maxUnavailable is null ? 1 : Math.Max(1, maxUnavailable.Scale(replicas, roundUp: false));
}
