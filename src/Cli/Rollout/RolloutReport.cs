using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>A problem that keeps a workload from being simulated: a finding the API server would reject it for.</summary>
internal sealed record RolloutProblem(string? RuleId, string Level, string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        RuleId is null ? $"{File}:{Line}:{Column}: {Level}: {Message}" : $"{File}:{Line}:{Column}: {Level}[{RuleId}] {Message}";
}

/// <summary>One workload in the report: simulated, or refused with the problems that explain why.</summary>
internal sealed record RolloutEntry(ResourceId Id, string File, RolloutResult? Result, IReadOnlyList<RolloutProblem> Problems, WorkloadChange? Change)
{
    /// <summary>True when this entry makes the exit code 1: invalid input, a stall, or a change apply rejects.</summary>
    public bool Fails =>
        Problems.Count > 0 || Change is { RejectedByApply: true } || Change is { NotCompared: not null } || Result is { Summary.Outcome: RolloutOutcome.Stalls } || Scenarios.Stalls;

    /// <summary>The scenarios replayed around the rollout (PodDisruptionBudgets).</summary>
    public RolloutScenarios Scenarios { get; init; } = RolloutScenarios.None;
}

/// <summary>Everything <c>manifestlint rollout</c> prints, in input order.</summary>
/// <param name="Entries">Every workload; in change-preview mode every compared workload, with or without a rollout.</param>
/// <param name="IsChangePreview">True for <c>--before/--after</c> and <c>--base</c>.</param>
/// <param name="InputProblems">YAML problems of files that could not be read completely.</param>
internal sealed record RolloutReport(IReadOnlyList<RolloutEntry> Entries, bool IsChangePreview, IReadOnlyList<RolloutProblem> InputProblems)
{
    public bool Fails => InputProblems.Count > 0 || Entries.Any(entry => entry.Fails);
}
