using System.Globalization;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>One moment after the nodes are lost: seconds since, pods available then, and what happened.</summary>
public sealed record NodeLossPoint(long? Seconds, long Available, string Event);

/// <summary>
/// What losing K nodes does to a workload's availability, at the start of its rollout or at a step of it
/// (<c>--lose-node K [--at-step S]</c>), in counts: the workload's pods spread evenly over the nodes, the lost nodes
/// first. The node controller marks a silent node NotReady after node-monitor-grace-period and taints it
/// <c>node.kubernetes.io/unreachable:NoExecute</c>; pods leave it after their toleration's seconds (300 from the
/// defaults the API server adds), and what replaces them depends on the controller.
/// </summary>
/// <param name="LostNodes">Nodes lost.</param>
/// <param name="AtStep">The listed step after which they are lost; 0: before the rollout starts.</param>
/// <param name="LostPods">The workload's pods that were on the lost nodes.</param>
/// <param name="TolerationSeconds">How long pods stay bound to an unreachable node; null: forever (they tolerate it).</param>
/// <param name="Timeline">Availability over time.</param>
/// <param name="Rollout">What the loss does to the rollout in progress.</param>
/// <param name="Notes">Assumptions the numbers rest on.</param>
public sealed record NodeLossReport(
    long LostNodes,
    long Nodes,
    int AtStep,
    long LostPods,
    long? TolerationSeconds,
    IReadOnlyList<NodeLossPoint> Timeline,
    string Rollout,
    IReadOnlyList<string> Notes)
{
    /// <summary>The unreachable taint's key, tolerated by the API server's default tolerations for 300 s.</summary>
    public const string UnreachableTaint = "node.kubernetes.io/unreachable";

    /// <summary>DefaultTolerationSeconds admission: 300 s for not-ready and unreachable when the pod has no such toleration.</summary>
    public const long DefaultTolerationSeconds = 300;

    /// <summary>The node lifecycle controller's node-monitor-grace-period: 50 s from Kubernetes 1.32, 40 s before.</summary>
    public static long GracePeriodSeconds(KubernetesVersion version) => version.CompareTo(new KubernetesVersion(1, 32)) >= 0 ? 50 : 40;

    /// <summary>The report for losing <paramref name="lostNodes"/> nodes after listed step <paramref name="atStep"/> (0: before the rollout).</summary>
    public static NodeLossReport Of(RolloutResult result, long lostNodes, int atStep)
    {
        var workload = result.Workload;
        var options = result.Options;
        var nodes = Math.Max(1, options.Cluster?.Count ?? options.Nodes);
        lostNodes = Math.Min(lostNodes, nodes);
        var step = atStep > 0 && atStep <= result.Steps.Count ? result.Steps[atStep - 1] : null;
        var pods = step?.Total ?? result.Desired;
        var available = step?.Available ?? result.Desired;
        var lostPods = workload.Kind == WorkloadKind.DaemonSet
            ? Math.Min(lostNodes, pods)
            : (lostNodes * (pods / nodes)) + Math.Min(lostNodes, pods % nodes);
        // Lost pods were counted available only if they were; the replay does not track which pods sit where, so
        // the available ones are taken to be lost first, the worst case.
        var lostAvailable = Math.Min(lostPods, available);
        var grace = GracePeriodSeconds(options.KubernetesVersion);
        var toleration = UnreachableTolerationSeconds(workload);
        var startup = options.PodStartupSeconds is { } seconds ? seconds + workload.MinReadySeconds.Value : (long?)null;
        var names = string.Join(", ", Enumerable.Range(0, (int)Math.Min(lostNodes, 3)).Select(index => options.Cluster?.Name(index) ?? $"node-{index + 1}")) + (lostNodes > 3 ? ", …" : string.Empty);
        var timeline = new List<NodeLossPoint>
        {
            new(0, available, $"{names} stop{(lostNodes == 1 ? "s" : string.Empty)} responding; {Pods(lostPods)} there {(lostPods == 1 ? "is" : "are")} still counted Ready"),
            new(grace, available - lostAvailable, $"node-monitor-grace-period ({grace} s) passes: the node controller marks {(lostNodes == 1 ? "it" : "them")} NotReady, taints {UnreachableTaint}:NoExecute and marks the {Pods(lostPods)} NotReady"),
        };
        var notes = new List<string>
        {
            $"the workload's pods are taken as spread evenly over {nodes} nodes, the lost ones holding {Pods(lostPods)}; the available pods are taken to be lost first",
        };

        string rollout;
        switch (workload.Kind)
        {
            case WorkloadKind.DaemonSet:
                timeline.Add(new NodeLossPoint(null, available - lostAvailable,
                    "DaemonSet pods tolerate not-ready and unreachable nodes without a time limit: they are not evicted and not replaced; the desired count drops only when the Node object is deleted"));
                rollout = lostNodes >= result.Resolved.MaxUnavailable && result.Resolved.MaxSurge == 0
                    ? $"the {lostNodes} lost {(lostNodes == 1 ? "node counts" : "nodes count")} as unavailable, which uses up maxUnavailable {result.Resolved.MaxUnavailable}: the rolling update deletes no further old pod until the nodes come back or their Node objects are deleted"
                    : $"the {lostNodes} lost {(lostNodes == 1 ? "node counts" : "nodes count")} against maxUnavailable {result.Resolved.MaxUnavailable}{(result.Resolved.MaxSurge > 0 ? $" (with maxSurge {result.Resolved.MaxSurge} the update goes on where nodes respond)" : $": {result.Resolved.MaxUnavailable - lostNodes} left for the update")}";
                break;
            case WorkloadKind.StatefulSet:
                timeline.Add(toleration is { } statefulEviction
                    ? new NodeLossPoint(grace + statefulEviction, available - lostAvailable, $"tolerationSeconds {statefulEviction} passes: the pods are deleted, but stay Terminating while the kubelet cannot confirm; the StatefulSet does not create a pod with the same name until the old one is gone")
                    : new NodeLossPoint(null, available - lostAvailable, "the pods tolerate the unreachable taint without a time limit and stay bound to the lost node"));
                timeline.Add(new NodeLossPoint(null, available - lostAvailable, $"the pods stay down until they are force deleted (kubectl delete pod --force) or the node gets the node.kubernetes.io/out-of-service taint"));
                rollout = "the StatefulSet controller waits for every pod to be Running and Ready before it updates the next one: the rollout halts until the lost pods are back";
                break;
            default:
                if (toleration is { } eviction)
                {
                    timeline.Add(new NodeLossPoint(grace + eviction, available - lostAvailable,
                        $"tolerationSeconds {eviction}{(toleration == DefaultTolerationSeconds ? " (the API server's default)" : string.Empty)} passes: the pods are evicted and stay Terminating until the node comes back; the ReplicaSet{(step is { Old: > 0, New: > 0 } ? "s create" : " creates")} {Pods(lostPods)} elsewhere at once"));
                    timeline.Add(new NodeLossPoint(startup is { } up ? grace + eviction + up : null, Math.Min(result.Desired, available),
                        startup is null ? "the replacements are available once Ready (pass --pod-startup SECONDS for the time)" : "the replacements are available"));
                }
                else
                {
                    timeline.Add(new NodeLossPoint(null, available - lostAvailable, "the pods tolerate the unreachable taint without a time limit: they stay bound to the lost node and are not replaced"));
                }

                rollout = step is null && atStep == 0
                    ? $"{Pods(lostAvailable)} unavailable count against maxUnavailable {result.Resolved.MaxUnavailable}: until the replacements are available the rollout {(lostAvailable >= result.Resolved.MaxUnavailable ? "scales no old pod down" : $"has {result.Resolved.MaxUnavailable - lostAvailable} left to scale down")}"
                    : $"after step {atStep}: {Pods(lostAvailable)} unavailable count against maxUnavailable {result.Resolved.MaxUnavailable}; {(lostAvailable >= result.Resolved.MaxUnavailable ? "the rollout scales no old pod down" : $"the rollout has {result.Resolved.MaxUnavailable - lostAvailable} left to scale down")} until the replacements are available" +
                      (options.NewPodsFail ? "; with new pods that never become available (the example in rolling.go's reconcileOldReplicaSets), maxScaledDown = all pods - minAvailable - unavailable new pods stays at or below 0, so no old pod is scaled down and availability stays below minAvailable until the old ReplicaSet's replacements are available; kubectl rollout undo is the way out" : string.Empty);
                break;
        }

        notes.Add($"node-monitor-grace-period {grace} s is the default for Kubernetes {(grace == 50 ? "1.32 and later" : "before 1.32")}");
        return new NodeLossReport(lostNodes, nodes, atStep, lostPods, toleration, timeline, rollout, notes);
    }

    /// <summary>
    /// Seconds a pod stays bound to an unreachable node: the manifest's NoExecute toleration of the unreachable taint
    /// (or of every taint), else the 300 s the API server adds; null when it tolerates it without a limit. DaemonSet
    /// pods get tolerations without a limit from their controller.
    /// </summary>
    public static long? UnreachableTolerationSeconds(Workload workload)
    {
        if (workload.Kind == WorkloadKind.DaemonSet)
            return null;
        foreach (var item in workload.TemplateSpec?.Sequence("tolerations")?.Items ?? [])
        {
            if (item is not Loading.ManifestMapping toleration)
                continue;
            var key = toleration.String("key") ?? string.Empty;
            var effect = toleration.String("effect") ?? string.Empty;
            var matchesKey = key == UnreachableTaint || (key.Length == 0 && toleration.String("operator") == "Exists");
            if (!matchesKey || (effect.Length > 0 && effect != "NoExecute"))
                continue;
            return toleration.Scalar("tolerationSeconds") is { } seconds && seconds.TryGetInteger(out var value) ? Math.Max(0, value) : null;
        }

        return DefaultTolerationSeconds;
    }

    private static string Pods(long count) => count == 1 ? "1 pod" : $"{count.ToString(CultureInfo.InvariantCulture)} pods";
}
