using System.Globalization;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>Wording shared by the text and markdown outputs.</summary>
internal static class RolloutFormat
{
    public static string Title(RolloutEntry entry) => $"{entry.Id.Kind} {entry.Id.Namespace ?? "default"}/{entry.Id.Name}";

    public static string Event(RolloutStep step) =>
        step.Pods == 1 ? step.Message : $"{step.Message} ({step.Pods.ToString("N0", CultureInfo.InvariantCulture)} pods)";

    /// <summary>The line that stands for skipped rounds, after the round it repeats.</summary>
    public static string Repeat(RolloutRepeat repeat)
    {
        var steps = repeat.StepCount == 1 ? "step" : $"{repeat.StepCount} steps";
        var seconds = repeat.SecondsPerRound is { } perRound ? $", {Seconds(perRound)}" : string.Empty;
        return $"… the {steps} above repeat {repeat.Times.ToString("N0", CultureInfo.InvariantCulture)} more times, each round " +
               $"{repeat.SyncsPerRound} syncs{seconds} later and {PodCount(repeat.PodsPerRound)} further …";
    }

    private static string PodCount(long pods) => pods == 1 ? "1 pod" : $"{pods.ToString("N0", CultureInfo.InvariantCulture)} pods";

    /// <summary>Each listed step, followed by the repeat that ends with it, if any.</summary>
    public static IEnumerable<(RolloutStep Step, RolloutRepeat? RepeatAfter)> StepsWithRepeats(RolloutResult result)
    {
        var repeats = result.Repeats.ToDictionary(repeat => repeat.FirstStep + repeat.StepCount - 1);
        for (var index = 0; index < result.Steps.Count; index++)
            yield return (result.Steps[index], repeats.TryGetValue(index, out var repeat) ? repeat : null);
    }

    public static string Seconds(long seconds) => seconds < 120
        ? $"{seconds.ToString(CultureInfo.InvariantCulture)} s"
        : seconds >= 7200
        ? $"{(seconds / 3600).ToString("N0", CultureInfo.InvariantCulture)} h {(seconds % 3600 / 60).ToString(CultureInfo.InvariantCulture)} min"
        : seconds % 60 == 0
            ? $"{(seconds / 60).ToString(CultureInfo.InvariantCulture)} min"
            : $"{(seconds / 60).ToString(CultureInfo.InvariantCulture)} min {(seconds % 60).ToString(CultureInfo.InvariantCulture)} s";

    public static string Duration(RolloutResult result) => result.Summary switch
    {
        { EstimatedSeconds: { } seconds, ApiFloorSeconds: > 0 } summary when seconds == summary.ApiFloorSeconds => $"{Seconds(seconds)} (the controllers' API rate: creating and deleting the pods takes that long however fast they start)",
        { EstimatedSeconds: { } seconds } => Seconds(seconds),
        { Completes: true, ApiFloorSeconds: > 0 } summary => $"unknown (pass --pod-startup SECONDS); at least {Seconds(summary.ApiFloorSeconds)} at the controllers' API rate",
        { Completes: true } => "unknown (pass --pod-startup SECONDS)",
        _ => "never completes",
    };

    public static string Outcome(RolloutResult result)
    {
        var summary = result.Summary;
        return summary.Outcome switch
        {
            RolloutOutcome.Completes => summary.Syncs == 0 ? "completes (nothing to roll)" : $"completes after {summary.Syncs} controller syncs ({summary.Steps} steps in {summary.ActingSyncs} of them)",
            RolloutOutcome.Stalls => $"stalls after sync {summary.LastProgressSync}: {summary.StallReason}",
            RolloutOutcome.Paused => $"paused: {summary.StallReason}",
            _ => $"waits: {summary.StallReason}",
        };
    }

    /// <summary>"6 in 5 of the 10 syncs": the steps and the syncs that took them, so the two counts read together.</summary>
    public static string Steps(RolloutResult result)
    {
        var summary = result.Summary;
        return summary.Steps == 0 ? "0" : $"{summary.Steps} in {summary.ActingSyncs} of the {summary.Syncs} controller syncs";
    }

    /// <summary>Peak pods, and the peak counting old pods until they stop when that is higher.</summary>
    public static string Peak(RolloutResult result)
    {
        var summary = result.Summary;
        var peak = $"{summary.PeakPods} ({Extra(result)})";
        return summary.PeakPodsWithTerminating > summary.PeakPods
            ? $"{peak}; {summary.PeakPodsWithTerminating} counting old pods still stopping (up to {result.Options.SecondsToTerminateText(result.Workload)})"
            : peak;
    }

    /// <summary>Said once beside the status lines: kubectl prints a line on every update, the report only when it changes.</summary>
    public const string CollapsedStatusLines = "repeated lines collapsed";

    public static string Extra(RolloutResult result) => result.Summary.ExtraPods == 0 ? "no extra" : $"{result.Summary.ExtraPods} extra";

    public static string Unit(RolloutResult result) => result.Kind == "DaemonSet" ? (result.Desired == 1 ? "node" : "nodes") : (result.Desired == 1 ? "replica" : "replicas");

    public static string Headline(RolloutResult result) =>
        $"{result.Strategy}, {result.Desired} {Unit(result)}, readiness {(result.Readiness == ReadinessModel.Lagged ? "lagged" : "instant")}" +
        (result.Options.PodStartupSeconds is { } startup ? $", pod startup {startup} s + minReadySeconds {result.Workload.MinReadySeconds.Value} s" : string.Empty);

    public static string Budget(RolloutResult result) =>
        $"{result.Resolved.Explanation}: at least {result.Resolved.MinAvailable} available, at most {result.Resolved.MaxPods} pods";

    public static string Outage(RolloutResult result) => result.Summary.Outage switch
    {
        null => "none",
        { Open: true } outage => $"from sync {outage.FromSync} on, no pod is available and the outage does not end (still open at sync {outage.ToSync})",
        { Seconds: { } seconds } outage => $"syncs {outage.FromSync}–{outage.ToSync}, about {Seconds(seconds)} without an available pod",
        var outage => $"syncs {outage.FromSync}–{outage.ToSync} without an available pod",
    };

    public static string StatusCommand(RolloutResult result) =>
        $"kubectl rollout status {result.Kind.ToLowerInvariant()}/{result.Name} -n {result.Namespace}";

    public static string ChangeHeadline(RolloutEntry entry)
    {
        var change = entry.Change!;
        return change switch
        {
            { NotCompared: not null } => "not compared",
            { RejectedByApply: true } => "kubectl apply rejects this change",
            { Kind: WorkloadChangeKind.Added } => "added",
            { Kind: WorkloadChangeKind.Removed } => "removed",
            { TriggersRollout: true } => "pod template changed: rollout",
            { Kind: WorkloadChangeKind.Unchanged } => "unchanged: no rollout",
            _ => "changed outside the pod template: no rollout",
        };
    }
}
