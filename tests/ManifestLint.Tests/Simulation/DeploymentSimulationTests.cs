using ManifestLint.Engine;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;
using static ManifestLint.Tests.Simulation.SimulationSupport;

namespace ManifestLint.Tests.Simulation;

public sealed class DeploymentSimulationTests
{
    [Fact]
    public void Lagged_readiness_reproduces_the_sequence_observed_on_clusters()
    {
        var result = Simulate(Deployment(4));

        Assert.Equal("new→1, old→3, new→2, old→2, new→3, old→1, new→4, old→0", Sequence(result));
        Assert.Equal([1, 1, 2, 3, 4, 5, 6, 7], result.Steps.Select(step => step.Sync));
        Assert.True(result.Summary.Completes);
        Assert.Equal(3, result.Summary.MinAvailable);
        Assert.Equal(5, result.Summary.PeakPods);
        Assert.Equal(1, result.Summary.ExtraPods);
    }

    [Fact]
    public void Instant_readiness_reproduces_the_controller_sequence_of_section_3_5()
    {
        var result = Simulate(Deployment(4), new RolloutOptions { Readiness = ReadinessModel.Instant });

        Assert.Equal("new→1, old→3, new→2, old→1, new→4, old→0", Sequence(result));
        Assert.Equal([1, 1, 2, 3, 4, 5], result.Steps.Select(step => step.Sync));
        Assert.True(result.Summary.Completes);
    }

    [Fact]
    public void Steps_carry_the_pod_counts_after_each_action()
    {
        var first = Simulate(Deployment(4)).Steps[0];

        Assert.Equal((1, RolloutAction.ScaleUp, "new", (long?)1, 4L, 1L, 4L, 5L, (long?)null),
            (first.Sync, first.Action, first.Target, first.To, first.Old, first.New, first.Available, first.Total, first.Seconds));
        Assert.Equal("Scaled up replica set web-<new> from 0 to 1", first.Message);
    }

    [Theory]
    [InlineData("1.29", "Scaled up replica set web-<new> to 1 from 0", "Scaled down replica set web-<old> to 3 from 4")]
    [InlineData("1.30.2", "Scaled up replica set web-<new> to 1 from 0", "Scaled down replica set web-<old> to 3 from 4")]
    [InlineData("1.31", "Scaled up replica set web-<new> from 0 to 1", "Scaled down replica set web-<old> from 4 to 3")]
    [InlineData("1.37", "Scaled up replica set web-<new> from 0 to 1", "Scaled down replica set web-<old> from 4 to 3")]
    public void Scaling_events_read_as_the_target_version_prints_them(string version, string scaleUp, string scaleDown)
    {
        // kubernetes/kubernetes#125118 put "from M" before "to N" in 1.31.
        Assert.True(KubernetesVersion.TryParse(version, out var target));
        var steps = Simulate(Deployment(4), new RolloutOptions { KubernetesVersion = target }).Steps;

        Assert.Equal(scaleUp, steps[0].Message);
        Assert.Equal(scaleDown, steps[1].Message);
    }

    [Theory]
    [InlineData(4, "25%", "25%", 1, 1, 3, 5)]
    [InlineData(10, "25%", "25%", 3, 2, 8, 13)]
    [InlineData(3, "25%", "25%", 1, 0, 3, 4)]
    [InlineData(1, "25%", "25%", 1, 0, 1, 2)]
    [InlineData(10, "39%", "39%", 4, 3, 7, 14)]
    [InlineData(2, "0%", "1%", 0, 1, 1, 2)]
    [InlineData(1, "0", "25%", 0, 1, 0, 1)]
    [InlineData(5, "0", "10", 0, 5, 0, 5)]
    public void Fenceposts_resolve_as_deployment_util_does(long replicas, string maxSurge, string maxUnavailable, long surge, long unavailable, long minAvailable, long maxPods)
    {
        var result = Simulate(Deployment(replicas, $"{{maxSurge: {Quote(maxSurge)}, maxUnavailable: {Quote(maxUnavailable)}}}"));

        Assert.Equal((surge, unavailable, minAvailable, maxPods),
            (result.Resolved.MaxSurge, result.Resolved.MaxUnavailable, result.Resolved.MinAvailable, result.Resolved.MaxPods));
        Assert.True(result.Summary.Completes);
        Assert.Equal(minAvailable, result.Summary.MinAvailable);
        Assert.True(result.Summary.PeakPods <= maxPods);
    }

    [Fact]
    public void Surge_only_rollout_replaces_one_pod_per_two_syncs_and_never_drops_availability()
    {
        var result = Simulate(Deployment(3, "{maxSurge: 1, maxUnavailable: 0}"), new RolloutOptions { Readiness = ReadinessModel.Instant });

        Assert.Equal("new→1, old→2, new→2, old→1, new→3, old→0", Sequence(result));
        Assert.Equal(3, result.Summary.MinAvailable);
    }

    [Fact]
    public void Surge_zero_creates_the_new_replica_set_empty_and_scales_down_first()
    {
        var result = Simulate(Deployment(2, "{maxSurge: 0, maxUnavailable: 1}"), new RolloutOptions { Readiness = ReadinessModel.Instant });

        Assert.Equal("old→1, new→1, old→0, new→2", Sequence(result));
        Assert.Equal(1, result.Summary.MinAvailable);
        Assert.Equal(2, result.Summary.PeakPods);
    }

    [Fact]
    public void Recreate_stops_everything_then_starts_the_new_replica_set_and_reports_the_outage()
    {
        var result = Simulate(Deployment(3, strategyType: "Recreate"), new RolloutOptions { PodStartupSeconds = 20 });

        Assert.Equal("old→0, new→3", Sequence(result));
        Assert.Equal(0, result.Summary.MinAvailable);
        // The old pods take up to terminationGracePeriodSeconds (default 30) to stop before the new ReplicaSet starts.
        Assert.Equal(new OutageWindow(1, 4, 30 + 20), result.Summary.Outage);
        Assert.Equal(30 + 20, result.Summary.EstimatedSeconds);
        Assert.Equal("deployment \"web\" successfully rolled out", result.StatusLines[result.StatusLines.Count - 1]);
    }

    [Fact]
    public void Failing_new_pods_stall_the_rollout_and_exceed_the_progress_deadline()
    {
        var result = Simulate(Deployment(4, extraSpec: "  progressDeadlineSeconds: 120"), new RolloutOptions { NewPodsFail = true });

        Assert.Equal("new→1, old→3, new→2", Sequence(result));
        Assert.Equal(RolloutOutcome.Stalls, result.Summary.Outcome);
        Assert.Contains("2 of 2 new pods unavailable", result.Summary.StallReason);
        Assert.Contains("old ReplicaSet stays at 3", result.Summary.StallReason);
        Assert.Equal(2, result.Summary.LastProgressSync);
        Assert.Equal(120, result.Summary.ProgressDeadlineExceededSeconds);
        Assert.Equal("error: deployment \"web\" exceeded its progress deadline", result.StatusLines[result.StatusLines.Count - 1]);
    }

    [Fact]
    public void Progress_deadline_counts_from_the_last_progress_in_estimated_time()
    {
        var yaml = Deployment(4, "{maxSurge: 1, maxUnavailable: 0}", extraSpec: "  minReadySeconds: 5");
        var result = Simulate(yaml, new RolloutOptions { NewPodsFail = true, PodStartupSeconds = 10 });

        Assert.Equal("new→1", Sequence(result));
        Assert.Equal(600, result.Summary.ProgressDeadlineExceededSeconds);
        Assert.Null(result.Summary.EstimatedSeconds);
    }

    [Fact]
    public void Maximum_progress_deadline_means_the_rollout_is_never_marked_failed()
    {
        var result = Simulate(Deployment(4, extraSpec: "  progressDeadlineSeconds: 2147483647"), new RolloutOptions { NewPodsFail = true });

        Assert.Null(result.Summary.ProgressDeadlineExceededSeconds);
        Assert.DoesNotContain(result.StatusLines, line => line.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public void Pod_startup_and_min_ready_seconds_give_estimated_timestamps()
    {
        var result = Simulate(Deployment(4, extraSpec: "  minReadySeconds: 5"), new RolloutOptions { PodStartupSeconds = 10 });

        Assert.Equal([0L, 0, 0, 15, 15, 15, 15, 30], result.Steps.Select(step => step.Seconds!.Value));
        Assert.Equal(30, result.Summary.EstimatedSeconds);
    }

    [Fact]
    public void Rollout_status_lines_follow_kubectl()
    {
        var result = Simulate(Deployment(4));

        Assert.Equal(
        [
            "Waiting for deployment spec update to be observed...",
            "Waiting for deployment \"web\" rollout to finish: 1 out of 4 new replicas have been updated...",
            "Waiting for deployment \"web\" rollout to finish: 2 out of 4 new replicas have been updated...",
            "Waiting for deployment \"web\" rollout to finish: 3 out of 4 new replicas have been updated...",
            "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...",
            "Waiting for deployment \"web\" rollout to finish: 3 of 4 updated replicas are available...",
            "deployment \"web\" successfully rolled out",
        ], result.StatusLines);
    }

    [Fact]
    public void Replicas_option_overrides_the_manifest()
    {
        var result = Simulate(Deployment(4), new RolloutOptions { Replicas = 10 });

        Assert.Equal(10, result.Desired);
        Assert.Equal((3L, 2L), (result.Resolved.MaxSurge, result.Resolved.MaxUnavailable));
    }

    [Fact]
    public void Paused_deployment_does_not_roll_out()
    {
        var result = Simulate(Deployment(4, extraSpec: "  paused: true"));

        Assert.Equal(RolloutOutcome.Paused, result.Summary.Outcome);
        Assert.Empty(result.Steps);
    }

    [Fact]
    public void Ten_thousand_replicas_one_at_a_time_finish_with_repeated_rounds_summarised()
    {
        var result = Simulate(Deployment(10_000, "{maxSurge: 1, maxUnavailable: 0}"));

        Assert.True(result.Summary.Completes);
        Assert.Equal(20_000, result.Summary.Steps);
        Assert.True(result.Steps.Count < 20, $"{result.Steps.Count} steps listed");
        var repeat = Assert.Single(result.Repeats);
        Assert.Equal((2, 1L), (repeat.StepCount, repeat.PodsPerRound));
        Assert.Equal(10_000, result.Summary.MinAvailable);
        Assert.Equal(10_001, result.Summary.PeakPods);
    }

    [Fact]
    public void Sync_limit_stops_a_simulation_and_says_so()
    {
        var result = Simulate(Deployment(10, "{maxSurge: 1, maxUnavailable: 0}"), new RolloutOptions { MaxSyncs = 5 });

        Assert.Equal(RolloutOutcome.Stalls, result.Summary.Outcome);
        Assert.True(result.Summary.StoppedBySyncLimit);
        Assert.Equal("no end after 5 syncs (simulation limit)", result.Summary.StallReason);
    }

    [Fact]
    public void Invalid_strategy_values_are_reported_instead_of_simulated()
    {
        var workload = Workload(Deployment(3, "{maxSurge: 0, maxUnavailable: \"0%\"}"));

        var problem = Assert.Single(RolloutInputCheck.Problems(workload, ManifestLint.Engine.KubernetesVersion.Newest));
        Assert.Equal("ML2003", problem.Rule.Id);
        Assert.Null(RolloutSimulator.TrySimulate(workload, RolloutOptions.Default));
    }

    private static string Quote(string value) => value.EndsWith('%') ? $"\"{value}\"" : value;
}
