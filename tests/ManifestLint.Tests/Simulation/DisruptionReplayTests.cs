using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Tests.Simulation;

public class DisruptionReplayTests
{
    private static DisruptionBudget Budget(string numbers) =>
        DisruptionBudget.From(Assert.Single(ManifestLoader.Load(new SourceFile("pdb.yaml", $"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: web}}\nspec:\n  {numbers}\n  selector: {{matchLabels: {{app: web}}}}\n")).Resources))!;

    // The 4-replica 25%/25% rollout (k8s-semantics §3.5): available after each step 4,3,3,3,4,3,4,3; maxUnavailable 1
    // keeps 3 healthy, so a drain is allowed exactly where 4 pods are available.
    [Fact]
    public void Budget_follows_availability_step_by_step()
    {
        var result = SimulationSupport.Simulate(SimulationSupport.Deployment(4));

        var replay = DisruptionReplay.Of(result, Budget("maxUnavailable: 1"), otherPods: 0)!;

        Assert.Equal([4L, 3, 3, 3, 4, 3, 4, 3], result.Steps.Select(step => step.Available));
        Assert.Equal([1L, 0, 0, 0, 1, 0, 1, 0], replay.PerStep);
        Assert.Equal(1, replay.Before);
        Assert.Equal(1, replay.After);
        Assert.True(replay.BlocksDuringRollout);
        Assert.Equal([(0, 0, 1L), (1, 3, 0), (4, 4, 1), (5, 5, 0), (6, 6, 1), (7, 7, 0)], replay.Runs(result).Select(run => (run.FirstStep, run.LastStep, run.DisruptionsAllowed)));
    }

    [Fact]
    public void Pods_of_other_workloads_give_the_budget_room()
    {
        var result = SimulationSupport.Simulate(SimulationSupport.Deployment(4));

        var replay = DisruptionReplay.Of(result, Budget("minAvailable: 4"), otherPods: 2)!;

        Assert.Equal(6, replay.ExpectedPods);
        Assert.Equal(2, replay.Before);
        Assert.Equal([2L, 1, 1, 1, 2, 1, 2, 1], replay.PerStep);
    }

    [Fact]
    public void A_stalled_rollout_leaves_the_budget_where_availability_stalls()
    {
        var result = SimulationSupport.Simulate(SimulationSupport.Deployment(4), new RolloutOptions { NewPodsFail = true });

        var replay = DisruptionReplay.Of(result, Budget("maxUnavailable: 1"), otherPods: 0)!;

        Assert.False(result.Summary.Completes);
        Assert.Equal(0, replay.After);
    }
}
