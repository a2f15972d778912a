using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Replays the rollout that a pod-template change starts, sync by sync, as the Deployment, DaemonSet and StatefulSet
/// controllers would (k8s-semantics §3). Works in counts, not pod objects, so large workloads stay cheap.
/// </summary>
public static class RolloutSimulator
{
    /// <summary>The Deployment integer value that means "no progress deadline" to the controller.</summary>
    public const long NoProgressDeadline = int.MaxValue;

    /// <summary>
    /// What <c>kubectl rollout status</c> prints first for a Deployment right after the apply: the controller has not
    /// observed the new generation yet (k8s-semantics §4).
    /// </summary>
    /// <summary>The ReplicaSet controller's burstReplicas: pods it creates or deletes in one sync.</summary>
    public const long ReplicaSetBurstReplicas = 500;

    internal const string SpecUpdateNotObserved = "Waiting for deployment spec update to be observed...";

    /// <summary>Simulates a valid workload; null when the API server would reject it (see <see cref="RolloutInputCheck"/>).</summary>
    public static RolloutResult? TrySimulate(Workload workload, RolloutOptions options) =>
        RolloutInputCheck.Problems(workload, options.KubernetesVersion).Count > 0 ? null : Simulate(workload, options);

    /// <summary>
    /// The simulation the ML6xxx rules share for the workload <paramref name="context"/> looks at, computed once per
    /// workload and options; null for other objects and for workloads the API server would reject.
    /// </summary>
    internal static RolloutResult? Shared(RuleContext context)
    {
        if (context.Workload is null)
            return null;
        var options = RolloutOptions.From(context.Configuration);
        // Kept with the object, not in a table of the whole run, which took a lock and a GC handle per workload.
        if (context.SharedRollout is { } shared && shared.Options == options)
            return shared.Result;
        var result = TrySimulate(context, options);
        context.SharedRollout = (options, result);
        return result;
    }

    private static RolloutResult? TrySimulate(RuleContext context, RolloutOptions options) =>
        RolloutInputCheck.Problems(context, options.KubernetesVersion).Count > 0 ? null : Simulate(context.Workload!, options);

    /// <summary>Simulates the workload; call <see cref="RolloutInputCheck.Problems"/> first, invalid values give meaningless steps.</summary>
    public static RolloutResult Simulate(Workload workload, RolloutOptions options)
    {
        var result = workload.Kind switch
        {
            WorkloadKind.Deployment when workload.Strategy.IsRollingUpdate => new DeploymentRollingSimulation(workload, options).Run(),
            WorkloadKind.Deployment => DeploymentRecreateSimulation.Run(workload, options),
            WorkloadKind.DaemonSet => new DaemonSetSimulation(workload, options).Run(),
            _ => new StatefulSetSimulation(workload, options).Run(),
        };
        if (result.Summary.ApiFloorSeconds > 0)
            result.AddNote(ApiRateNote(result));
        return result;
    }

    /// <summary>Why a large rollout takes longer than its pods take to start: the controllers' burst and API rate.</summary>
    private static string ApiRateNote(RolloutResult result)
    {
        var burst = result.Workload.Kind == WorkloadKind.DaemonSet
            ? $"the DaemonSet controller creates and deletes at most {DaemonSetSimulation.BurstReplicas} pods per sync"
            : result.Workload.Kind == WorkloadKind.Deployment
                ? $"the ReplicaSet controller creates at most {ReplicaSetBurstReplicas} pods per sync"
                : "the StatefulSet controller creates and deletes pods one API call at a time";
        return $"the rollout takes at least {result.Summary.ApiFloorSeconds:N0} s however fast pods start: {burst}, and each controller makes at most " +
               $"{RolloutRecorder.ControllerApiQps} API calls per second after a burst of {RolloutRecorder.ControllerApiBurst} (kube-controller-manager --kube-api-qps, --kube-api-burst), one per pod created or deleted";
    }

    internal static long Replicas(Workload workload, RolloutOptions options) =>
        options.Replicas ?? workload.Replicas?.Value ?? 1;

    /// <summary>A stand-in for the hash suffix Kubernetes derives from the pod template.</summary>
    internal static string NewName(Workload workload) => workload.Resource.Id.Name + "-<new>";

    /// <summary>
    /// The Deployment controller's ScalingReplicaSet event for <paramref name="version"/>, a format with <c>{1}</c> for
    /// the new count and <c>{2}</c> for the old: "to N from M" until 1.30, "from M to N" since 1.31
    /// (kubernetes/kubernetes#125118). <paramref name="replicaSet"/> must already be escaped for string.Format.
    /// </summary>
    internal static string ScalingEvent(bool up, string replicaSet, KubernetesVersion version) =>
        version >= FromBeforeTo
            ? $"Scaled {(up ? "up" : "down")} replica set {replicaSet} from {{2}} to {{1}}"
            : $"Scaled {(up ? "up" : "down")} replica set {replicaSet} to {{1}} from {{2}}";

    private static readonly KubernetesVersion FromBeforeTo = new(1, 31);

    internal static string OldName(Workload workload) => workload.Resource.Id.Name + "-<old>";

    /// <summary>"maxSurge 25% of 4 replicas rounds up to 1", or just "maxSurge 1" for an integer.</summary>
    internal static string Describe(string field, IntOrPercent value, long total, string unit, bool roundUp) =>
        value.Form == IntOrPercentForm.Percent
            ? $"{field} {value.Text} of {total} {unit}{(total == 1 ? string.Empty : "s")} rounds {(roundUp ? "up" : "down")} to {value.Scale(total, roundUp)}"
            : $"{field} {value.Text}";

    internal static string Pods(long count) => count == 1 ? "1 pod" : $"{count} pods";

}
