namespace ManifestLint.Engine.Simulation;

/// <summary>Consecutive listed steps with the same disruptionsAllowed; indexes into <see cref="RolloutResult.Steps"/>.</summary>
public sealed record DisruptionRun(int FirstStep, int LastStep, long FromSync, long ToSync, long DisruptionsAllowed);

/// <summary>
/// What a PodDisruptionBudget that selects a workload allows while its rollout runs: <c>disruptionsAllowed</c> before,
/// at every listed step and after. The rollout itself never consults the budget; evictions (kubectl drain, the cluster
/// autoscaler) do, and they are refused while the count is 0.
/// </summary>
/// <param name="OtherPods">Pods of other workloads the budget selects too, counted healthy throughout.</param>
/// <param name="PerStep">disruptionsAllowed right after each listed step, aligned with <see cref="RolloutResult.Steps"/>.</param>
/// <param name="After">disruptionsAllowed when the replay ends (completed or stalled).</param>
public sealed record DisruptionReplay(
    string Name,
    string File,
    int Line,
    string Definition,
    long ExpectedPods,
    long OtherPods,
    BudgetNumbers Numbers,
    long Before,
    IReadOnlyList<long> PerStep,
    long After)
{
    /// <summary>The steps grouped into runs of equal disruptionsAllowed, in order.</summary>
    public IReadOnlyList<DisruptionRun> Runs(RolloutResult result)
    {
        var runs = new List<DisruptionRun>();
        for (var index = 0; index < PerStep.Count; index++)
        {
            if (runs.Count > 0 && runs[^1].DisruptionsAllowed == PerStep[index])
                runs[^1] = runs[^1] with { LastStep = index, ToSync = result.Steps[index].Sync };
            else
                runs.Add(new DisruptionRun(index, index, result.Steps[index].Sync, result.Steps[index].Sync, PerStep[index]));
        }

        return runs;
    }

    /// <summary>The listed steps at which a drain would be refused although it is allowed before the rollout.</summary>
    public bool BlocksDuringRollout => Before > 0 && PerStep.Any(allowed => allowed == 0);

    /// <summary>
    /// Replays the budget over a simulated rollout. Healthy pods are the available ones (Ready for
    /// minReadySeconds): the disruption controller counts Ready pods, so with minReadySeconds the real count can be
    /// higher for a moment; terminating pods never count, as in disruption.go countHealthyPods.
    /// </summary>
    public static DisruptionReplay? Of(RolloutResult result, DisruptionBudget budget, long otherPods)
    {
        var scalable = result.Workload.Kind != Model.WorkloadKind.DaemonSet;
        var expected = result.Desired + otherPods;
        if (budget.Resolve(expected, scalable) is not { } numbers)
            return null;

        var perStep = new long[result.Steps.Count];
        for (var index = 0; index < perStep.Length; index++)
            perStep[index] = numbers.DisruptionsAllowed(result.Steps[index].Available + otherPods, expected);
        var healthyAtEnd = result.Summary.Completes ? result.Desired : result.Steps.Count > 0 ? result.Steps[^1].Available : result.Desired;
        return new DisruptionReplay(
            budget.Name,
            budget.Path,
            budget.KindNode.Start.Line,
            budget.Definition,
            expected,
            otherPods,
            numbers,
            numbers.DisruptionsAllowed(result.Desired + otherPods, expected),
            perStep,
            numbers.DisruptionsAllowed(healthyAtEnd + otherPods, expected));
    }
}
