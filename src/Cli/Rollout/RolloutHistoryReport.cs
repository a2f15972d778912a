using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>What <c>kubectl rollout undo --to-revision=N</c> would do to one workload.</summary>
/// <param name="Requested">N as given (0: the revision before the current one).</param>
/// <param name="Target">The revision that comes back; null when undo fails or is skipped.</param>
/// <param name="Outcome">kubectl's answer when it rolls nothing back: an error, or "skipped rollback".</param>
/// <param name="RefusedByKubectl">True when kubectl exits with an error.</param>
/// <param name="RevisionAfterUndo">The number the revision takes once applied again.</param>
/// <param name="Warnings">What the undo does not bring back, and what is wrong with the old template.</param>
/// <param name="Replay">The change from the current template to the old one and its rollout.</param>
internal sealed record UndoPreview(
    WorkloadHistory History,
    int Requested,
    HistoryRevision? Target,
    string? Outcome,
    bool RefusedByKubectl,
    int? RevisionAfterUndo,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<RolloutProblem> ImageFindings,
    RolloutReport? Replay)
{
    public bool Fails => RefusedByKubectl || Replay is { Fails: true };
}

/// <summary>Everything <c>manifestlint rollout history</c> prints.</summary>
internal sealed record RolloutHistoryReport(
    string Path,
    IReadOnlyList<ManifestVersion> Versions,
    IReadOnlyList<WorkloadHistory> Workloads,
    IReadOnlyList<RolloutProblem> InputProblems,
    IReadOnlyList<UndoPreview> Undo)
{
    public bool Fails => InputProblems.Count > 0 || Undo.Any(undo => undo.Fails);

    /// <summary>kubectl's resource name: <c>deployment.apps/web</c>.</summary>
    public static string KubectlName(WorkloadHistory history) => $"{history.Kind.ToString().ToLowerInvariant()}.apps/{history.Id.Name}";

    public static string HistoryCommand(WorkloadHistory history) =>
        $"kubectl rollout history {history.Kind.ToString().ToLowerInvariant()}/{history.Id.Name} -n {history.Id.Namespace ?? "default"}";

    public static string UndoCommand(UndoPreview undo) =>
        $"kubectl rollout undo {undo.History.Kind.ToString().ToLowerInvariant()}/{undo.History.Id.Name} -n {undo.History.Id.Namespace ?? "default"}" +
        (undo.Requested == 0 ? string.Empty : $" --to-revision={undo.Requested}");

    /// <summary>What <c>kubectl rollout history</c> prints: the name, then REVISION and CHANGE-CAUSE columns.</summary>
    public static IEnumerable<string> KubectlLines(WorkloadHistory history)
    {
        yield return KubectlName(history);
        var width = Math.Max("REVISION".Length, history.Revisions.Select(revision => revision.Number.ToString(System.Globalization.CultureInfo.InvariantCulture).Length).DefaultIfEmpty(0).Max()) + 2;
        yield return "REVISION".PadRight(width) + "CHANGE-CAUSE";
        foreach (var revision in history.Revisions)
            yield return revision.Number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(width) + (revision.ChangeCause ?? "<none>");
    }
}
