using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>What one step of a rollout did.</summary>
public enum RolloutAction
{
    /// <summary>A ReplicaSet was scaled up (Deployment).</summary>
    ScaleUp,

    /// <summary>A ReplicaSet was scaled down (Deployment).</summary>
    ScaleDown,

    /// <summary>A pod was created on a node or at an ordinal (DaemonSet, StatefulSet).</summary>
    CreatePod,

    /// <summary>A pod was deleted (DaemonSet, StatefulSet).</summary>
    DeletePod,
}

/// <summary>How a simulated rollout ends.</summary>
public enum RolloutOutcome
{
    Completes,

    /// <summary>The controller stops making progress: see <see cref="RolloutSummary.StallReason"/>.</summary>
    Stalls,

    /// <summary>OnDelete: nothing happens until someone deletes the pods.</summary>
    WaitsForManualDeletion,

    /// <summary>A paused Deployment: nothing happens until <c>kubectl rollout resume</c>.</summary>
    Paused,
}

/// <summary>
/// One controller action and the pod counts right after it.
/// </summary>
/// <param name="Sync">The controller sync (1-based) the action happened in; one sync may hold several steps.</param>
/// <param name="Target">Deployment: <c>new</c> or <c>old</c> ReplicaSet; DaemonSet: the node; StatefulSet: the pod name.</param>
/// <param name="To">Deployment: the ReplicaSet's new replica count; null for pod actions.</param>
/// <param name="Old">Pods of the old revision that still exist.</param>
/// <param name="New">Pods of the new revision that exist.</param>
/// <param name="Available">Pods available (Ready for minReadySeconds) of either revision.</param>
/// <param name="Total">All pods that exist (terminating pods excluded, as the controllers count them).</param>
/// <param name="MessageFormat">The event text with <c>{0}</c> for <paramref name="Target"/>, <c>{1}</c> for <paramref name="To"/> and <c>{2}</c> for <see cref="From"/>;
/// shared by many steps, so a long rollout does not build a string per step until one is shown.</param>
/// <param name="Seconds">Estimated seconds since the rollout began; null without <c>--pod-startup</c>.</param>
/// <param name="Pods">Pods the action touched: more than 1 when one step stands for a batch of pods on consecutive nodes or
/// ordinals (<paramref name="Target"/> then names the first and the last).</param>
public sealed record RolloutStep(
    long Sync,
    RolloutAction Action,
    string Target,
    long? To,
    long Old,
    long New,
    long Available,
    long Total,
    string MessageFormat,
    long? Seconds,
    long Pods = 1)
{
    /// <summary>The node or ordinal index of the first pod (DaemonSet, StatefulSet), -1 for a ReplicaSet; lets repeats be recognised.</summary>
    internal long Index { get; init; } = -1;

    /// <summary>Deployment: the ReplicaSet's replica count before the action (<c>{2}</c> in <see cref="MessageFormat"/>).</summary>
    public long? From { get; init; }

    /// <summary>The controller's event, or a description of the action.</summary>
    public string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, Target, To, From);
}

/// <summary>The strategy numbers the controller works with, already resolved.</summary>
/// <param name="MaxSurge">Extra pods allowed above the desired count.</param>
/// <param name="MaxUnavailable">Pods allowed to be unavailable.</param>
/// <param name="MinAvailable">The availability floor: desired minus maxUnavailable.</param>
/// <param name="MaxPods">The pod ceiling: desired plus maxSurge.</param>
/// <param name="Explanation">How the numbers were resolved, e.g. "maxSurge 25% of 4 rounds up to 1".</param>
public sealed record RolloutBudget(long MaxSurge, long MaxUnavailable, long MinAvailable, long MaxPods, string Explanation);

/// <summary>A stretch of the rollout in which no pod is available; <paramref name="Open"/>: it has not ended when the replay stops.</summary>
public sealed record OutageWindow(long FromSync, long ToSync, long? Seconds, bool Open = false);

/// <summary>
/// Rounds of identical steps that are not listed: the <paramref name="StepCount"/> steps from index
/// <paramref name="FirstStep"/> of <see cref="RolloutResult.Steps"/> form one round, and the same round happens
/// <paramref name="Times"/> more times right after it, each <paramref name="SyncsPerRound"/> syncs later and
/// <paramref name="PodsPerRound"/> pods further; the listed steps go on after those rounds.
/// </summary>
public sealed record RolloutRepeat(int FirstStep, int StepCount, long Times, long SyncsPerRound, long PodsPerRound, long? SecondsPerRound);

/// <summary>The outcome of a rollout simulation in numbers.</summary>
/// <param name="MinAvailable">The lowest availability at any point (the starting availability included).</param>
/// <param name="PeakPods">The most pods that exist at once.</param>
/// <param name="ExtraPods">Pods above the desired count at the peak.</param>
/// <param name="EstimatedSeconds">Estimated duration until every new pod is available; null without <c>--pod-startup</c> or when it does not complete.</param>
/// <param name="Steps">Steps in the whole rollout, those in <see cref="RolloutResult.Repeats"/> included.</param>
/// <param name="Syncs">Controller syncs simulated, idle ones included.</param>
/// <param name="LastProgressSync">The last sync that changed anything.</param>
/// <param name="ProgressDeadlineExceededSeconds">Deployment stalls: seconds after the start at which progressDeadlineSeconds marks ProgressDeadlineExceeded.</param>
public sealed record RolloutSummary(
    RolloutOutcome Outcome,
    string? StallReason,
    long Steps,
    long MinAvailable,
    long PeakPods,
    long ExtraPods,
    long? EstimatedSeconds,
    long Syncs,
    long LastProgressSync,
    long? ProgressDeadlineExceededSeconds,
    OutageWindow? Outage)
{
    public bool Completes => Outcome == RolloutOutcome.Completes;

    /// <summary>
    /// The most pods at once counting deleted pods until they stop (terminationGracePeriodSeconds, or
    /// <see cref="RolloutOptions.TerminationSeconds"/>): they keep their node resources and count against a <c>pods</c> quota.
    /// </summary>
    public long PeakPodsWithTerminating { get; init; }

    /// <summary>
    /// The least time the rollout's pod creations and deletions take at the controllers' API rate (20 calls per second
    /// after a burst of 30, one call per pod created or deleted), however fast pods start: <see cref="EstimatedSeconds"/>
    /// is never below it.
    /// </summary>
    public long ApiFloorSeconds { get; init; }

    /// <summary>Syncs that took at least one step (of <see cref="Syncs"/>; the others wait for pods to turn available or to stop).</summary>
    public long ActingSyncs { get; init; }

    /// <summary>The simulation hit <see cref="RolloutOptions.MaxSyncs"/> or the work cap: the stall is the guard's, not the controller's.</summary>
    public bool StoppedBySyncLimit { get; init; }
}

/// <summary>A replayed rollout: the steps the controller takes, the summary, and what <c>kubectl rollout status</c> prints.</summary>
public sealed class RolloutResult
{
    internal RolloutResult(
        Workload workload,
        string strategy,
        long desired,
        RolloutOptions options,
        RolloutBudget resolved,
        IReadOnlyList<RolloutStep> steps,
        RolloutSummary summary,
        IReadOnlyList<string> statusLines,
        IReadOnlyList<string> notes,
        IReadOnlyList<RolloutRepeat>? repeats = null)
    {
        Repeats = repeats ?? [];
        Workload = workload;
        Strategy = strategy;
        Desired = desired;
        Options = options;
        Resolved = resolved;
        Steps = steps;
        Summary = summary;
        StatusLines = statusLines;
        this.notes = [.. notes];
    }

    private readonly List<string> notes;

    public Workload Workload { get; }

    public string Kind => Workload.Resource.Kind;

    public string Namespace => Workload.Resource.Id.Namespace ?? "default";

    public string Name => Workload.Resource.Id.Name;

    /// <summary>The strategy type after defaulting.</summary>
    public string Strategy { get; }

    /// <summary>Desired pods: replicas, or the node count for a DaemonSet.</summary>
    public long Desired { get; }

    public RolloutOptions Options { get; }

    public ReadinessModel Readiness => Options.Readiness;

    public RolloutBudget Resolved { get; }

    /// <summary>The listed steps; long runs of identical rounds are left out and described by <see cref="Repeats"/>.</summary>
    public IReadOnlyList<RolloutStep> Steps { get; }

    /// <summary>Rounds of steps that repeat and are not listed, in step order.</summary>
    public IReadOnlyList<RolloutRepeat> Repeats { get; }

    public RolloutSummary Summary { get; }

    /// <summary>The lines <c>kubectl rollout status</c> prints while watching, in order, without repeats (k8s-semantics §4).</summary>
    public IReadOnlyList<string> StatusLines { get; }

    /// <summary>Caveats a reader needs: unspecified node order, partitions, OnDelete, estimates.</summary>
    public IReadOnlyList<string> Notes => notes;

    internal void AddNote(string note) => notes.Add(note);
}
