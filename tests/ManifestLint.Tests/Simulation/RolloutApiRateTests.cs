using ManifestLint.Engine.Simulation;
using ManifestLint.Tests.Cli;
using static ManifestLint.Tests.Simulation.SimulationSupport;

namespace ManifestLint.Tests.Simulation;

/// <summary>A7: at scale, the controllers' burst and API rate bound how fast pods are created and deleted.</summary>
public sealed class RolloutApiRateTests
{
    [Fact]
    public void A_million_replicas_take_at_least_as_long_as_two_million_pod_calls_at_20_per_second()
    {
        var result = Simulate(Deployment(1_000_000), new RolloutOptions { PodStartupSeconds = 10 });

        // Every pod is created once and deleted once: 2,000,000 calls, 30 of them in the first burst.
        var floor = (2_000_000 - RolloutRecorder.ControllerApiBurst + RolloutRecorder.ControllerApiQps - 1) / RolloutRecorder.ControllerApiQps;
        Assert.True(result.Summary.Completes);
        Assert.Equal(floor, result.Summary.ApiFloorSeconds);
        // The replay alone (10 s per round of 250,000 pods) would say well under a minute.
        Assert.Equal(floor, result.Summary.EstimatedSeconds);
        Assert.Contains(result.Notes, note => note.Contains("at most 20 API calls per second after a burst of 30", StringComparison.Ordinal));
    }

    [Fact]
    public void A_small_rollout_stays_within_the_burst()
    {
        var result = Simulate(Deployment(4), new RolloutOptions { PodStartupSeconds = 10 });

        Assert.Equal(0, result.Summary.ApiFloorSeconds);
        Assert.Equal(20, result.Summary.EstimatedSeconds);
        Assert.DoesNotContain(result.Notes, note => note.Contains("API calls per second", StringComparison.Ordinal));
    }

    [Fact]
    public void A_DaemonSet_deletes_and_creates_at_most_250_pods_per_sync()
    {
        var yaml = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              updateStrategy: {rollingUpdate: {maxUnavailable: "100%"}}
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: agent, image: "agent:2.0"}]
            """;
        var result = Simulate(yaml, new RolloutOptions { Nodes = 1000, SkipRepeatedRounds = false });

        Assert.True(result.Summary.Completes);
        foreach (var sync in result.Steps.GroupBy(step => (step.Sync, step.Action)))
            Assert.InRange(sync.Sum(step => step.Pods), 1, DaemonSetSimulation.BurstReplicas);
        Assert.Equal(1000, result.Steps.Where(step => step.Action == RolloutAction.DeletePod).Sum(step => step.Pods));
    }

    [Fact]
    public void Without_pod_startup_the_output_still_gives_the_floor()
    {
        using var directory = new TempDirectory();
        directory.Write("app.yaml", Deployment(100_000));

        var run = CliRunner.Run(directory.Path, "rollout", "app.yaml");

        Assert.Contains("estimated duration  unknown (pass --pod-startup SECONDS); at least 2 h 46 min at the controllers' API rate", run.Stdout);
    }
}
