using ManifestLint.Engine.Simulation;
using ManifestLint.Tests.Cli;
using static ManifestLint.Tests.Simulation.SimulationSupport;

namespace ManifestLint.Tests.Simulation;

/// <summary>Scaling events, pod termination, readiness waits and the counts the summary reports.</summary>
public sealed class RolloutTimelineTests
{
    private static string StatefulSet(string policy, long minReadySeconds, string extraTemplate = "") => $$$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 3
          serviceName: db
          podManagementPolicy: {{{policy}}}
          minReadySeconds: {{{minReadySeconds}}}
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
        {{{extraTemplate}}}
              containers: [{name: db, image: "postgres:17.2"}]
        """;

    private const string DaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              terminationGracePeriodSeconds: 20
              containers: [{name: agent, image: "agent:2.0"}]
        """;

    // A4: sync.go handles the scaling event before the rollout: the old ReplicaSet grows first.
    [Theory]
    [InlineData(3, 5, "old→5, new→2, old→4, new→3, old→2, new→5, old→1, old→0")]
    [InlineData(4, 4, "new→1, old→3, new→2, old→2, new→3, old→1, new→4, old→0")]
    [InlineData(6, 4, "old→4, new→1, old→3, new→2, old→2, new→3, old→1, new→4, old→0")]
    public void A_replicas_change_with_the_template_scales_the_old_ReplicaSet_first(long before, long after, string expected)
    {
        var result = Simulate(Deployment(after), new RolloutOptions { ReplicasBefore = before });

        Assert.Equal(expected, Sequence(result));
        Assert.True(result.Summary.Completes);
        Assert.Equal(before == after ? 0 : 1, result.Notes.Count(note => note.StartsWith("spec.replicas changes with the pod template", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_change_preview_warns_and_replays_the_scaling_event_first()
    {
        using var directory = new TempDirectory();
        directory.Write("before.yaml", Deployment(3));
        directory.Write("after.yaml", Deployment(5).Replace("nginx:1.27.3", "nginx:1.27.4"));

        var run = CliRunner.Run(directory.Path, "rollout", "--before", "before.yaml", "--after", "after.yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the Deployment controller scales first, so 2 old-version pods are created before the rollout replaces them", run.Stdout);
        var firstStep = run.Stdout.Split('\n').First(line => line.TrimStart().StartsWith("1  ", StringComparison.Ordinal));
        Assert.Contains("Scaled up replica set web-<old> from 3 to 5", firstStep);
    }

    [Fact]
    public void Recreate_with_a_scaling_event_scales_old_first_and_waits_for_old_pods_to_stop()
    {
        var yaml = Deployment(3, strategyType: "Recreate").Replace("containers:", "terminationGracePeriodSeconds: 45\n      containers:");
        var result = Simulate(yaml, new RolloutOptions { ReplicasBefore = 2, PodStartupSeconds = 5 });

        Assert.Equal("old→3, old→0, new→3", Sequence(result));
        // The new ReplicaSet starts once the old pods are gone: 45 s, then 5 s to Ready.
        Assert.Equal(45, result.Steps[2].Seconds);
        Assert.Equal(50, result.Summary.EstimatedSeconds);
        Assert.Equal(45 + 5, result.Summary.Outage!.Seconds);
    }

    // A5: the template's terminationGracePeriodSeconds bounds the wait; --termination-seconds gives the real one.
    [Theory]
    [InlineData(null, 3 * (20 + 5))]
    [InlineData(2L, 3 * (2 + 5))]
    public void A_DaemonSet_without_surge_creates_the_new_pod_once_the_old_one_is_gone(long? terminationSeconds, long expectedSeconds)
    {
        var result = Simulate(DaemonSet, new RolloutOptions { Nodes = 3, PodStartupSeconds = 5, TerminationSeconds = terminationSeconds });

        Assert.True(result.Summary.Completes);
        Assert.Equal(expectedSeconds, result.Summary.EstimatedSeconds);
        Assert.Equal(3, result.Summary.PeakPods);
        // No surge, and a node gets its new pod only once the old one stopped: never more than one pod per node.
        Assert.Equal(3, result.Summary.PeakPodsWithTerminating);
    }

    [Fact]
    public void A_StatefulSet_recreates_an_ordinal_once_its_old_pod_is_gone()
    {
        var result = Simulate(StatefulSet("OrderedReady", 0, "      terminationGracePeriodSeconds: 10"), new RolloutOptions { PodStartupSeconds = 5 });

        Assert.Equal(3 * (10 + 5), result.Summary.EstimatedSeconds);
        Assert.Equal(3, result.Summary.PeakPodsWithTerminating);
    }

    [Fact]
    public void Peak_pods_counts_old_pods_that_are_still_stopping_and_ML6003_uses_it()
    {
        var yaml = Deployment(4, "{maxSurge: 1, maxUnavailable: 1}");
        var quick = Simulate(yaml, new RolloutOptions { TerminationSeconds = 0 });
        var slow = Simulate(yaml, RolloutOptions.Default);

        Assert.Equal(5, quick.Summary.PeakPods);
        Assert.Equal(5, quick.Summary.PeakPodsWithTerminating);
        Assert.Equal(5, slow.Summary.PeakPods);
        // Without --pod-startup time is unknown: an old pod counts until the sync after its deletion, when the next surge pod starts.
        Assert.Equal(6, slow.Summary.PeakPodsWithTerminating);

        using var directory = new TempDirectory();
        directory.Write("app.yaml", yaml);
        directory.Write(".manifestlint.yaml", "rollout:\n  maxExtraPods: 1\n");
        var check = CliRunner.Run(directory.Path, "check", "app.yaml");
        Assert.Contains("ML6003", check.Stdout);
        Assert.Contains("runs up to 6 pods for 4 desired, counting old pods until they stop, 2 extra", check.Stdout);
    }

    // A6: on the one-at-a-time path a Parallel StatefulSet waits for Ready; OrderedReady waits for minReadySeconds too.
    [Theory]
    [InlineData("Parallel", 3 * (30 + 5))]
    [InlineData("OrderedReady", 3 * (30 + 5 + 60))]
    public void A_Parallel_StatefulSet_updating_one_pod_at_a_time_waits_for_Ready_not_minReadySeconds(string policy, long expectedSeconds)
    {
        var result = Simulate(StatefulSet(policy, 60), new RolloutOptions { PodStartupSeconds = 5 });

        Assert.Equal(expectedSeconds, result.Summary.EstimatedSeconds);
        Assert.Equal(policy == "Parallel", result.Notes.Any(note => note.Contains("not for minReadySeconds", StringComparison.Ordinal)));
    }

    // A9: the summary's steps and syncs are counted the same way as the table.
    [Fact]
    public void Steps_and_syncs_agree_between_the_table_and_the_summary()
    {
        var result = Simulate(Deployment(4));

        Assert.Equal(result.Steps.Count, result.Summary.Steps);
        Assert.Equal(result.Steps.Select(step => step.Sync).Distinct().Count(), result.Summary.ActingSyncs);
        Assert.Equal(result.Steps[^1].Sync, result.Summary.ActingSyncs);

        using var directory = new TempDirectory();
        directory.Write("app.yaml", Deployment(4));
        var run = CliRunner.Run(directory.Path, "rollout", "app.yaml");
        Assert.Contains($"steps               8 in 7 of the {result.Summary.Syncs} controller syncs", run.Stdout);
        Assert.Contains($"completes after {result.Summary.Syncs} controller syncs (8 steps in 7 of them)", run.Stdout);
    }

    // A11: kubectl first prints that the new generation is not observed yet, and the report says it collapses repeats.
    [Fact]
    public void The_Deployment_transcript_starts_with_the_spec_update_line_and_says_repeats_are_collapsed()
    {
        var result = Simulate(Deployment(4));

        Assert.Equal("Waiting for deployment spec update to be observed...", result.StatusLines[0]);
        using var directory = new TempDirectory();
        directory.Write("app.yaml", Deployment(4));
        Assert.Contains("kubectl rollout status deployment/web -n default   (repeated lines collapsed)", CliRunner.Run(directory.Path, "rollout", "app.yaml").Stdout);
    }
}
