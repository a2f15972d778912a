using ManifestLint.Engine;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Tests.Simulation;

public class NodeLossTests
{
    private const string StatefulSet = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 3
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "registry.example.com/db:16.1"}]
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
              containers: [{name: agent, image: "registry.example.com/agent:2.0.1"}]
        """;

    private static RolloutOptions Lose(long nodes, int atStep = 0, long? startup = null) =>
        new() { Nodes = 3, LostNodes = nodes, LostAtStep = atStep, PodStartupSeconds = startup, KubernetesVersion = new KubernetesVersion(1, 33) };

    // 6 replicas on 3 nodes: node-1 holds 2. NotReady at 50 s, evicted at 50 + 300 s, replaced at once elsewhere and
    // available after the 10 s startup.
    [Fact]
    public void Deployment_pods_are_evicted_after_the_default_toleration_and_replaced_elsewhere()
    {
        var options = Lose(1, startup: 10);
        var result = SimulationSupport.Simulate(SimulationSupport.Deployment(6), options);

        var report = NodeLossReport.Of(result, 1, 0);

        Assert.Equal(2, report.LostPods);
        Assert.Equal(300, report.TolerationSeconds);
        Assert.Equal([(0L, 6L), (50L, 4L), (350L, 4L), (360L, 6L)], report.Timeline.Select(point => (point.Seconds!.Value, point.Available)));
        Assert.Contains("stay Terminating until the node comes back", report.Timeline[2].Event);
        Assert.Contains("2 pods unavailable count against maxUnavailable 1", report.Rollout);
    }

    [Fact]
    public void A_manifest_toleration_of_the_unreachable_taint_sets_the_eviction_time()
    {
        var yaml = SimulationSupport.Deployment(3).Replace(
            "containers:",
            "tolerations: [{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30}]\n      containers:");
        var result = SimulationSupport.Simulate(yaml, Lose(1));

        var report = NodeLossReport.Of(result, 1, 0);

        Assert.Equal(30, report.TolerationSeconds);
        Assert.Equal(80, report.Timeline[2].Seconds);
        Assert.Null(report.Timeline[3].Seconds);
    }

    [Fact]
    public void DaemonSet_pods_are_not_replaced_and_the_lost_node_uses_up_max_unavailable()
    {
        var result = SimulationSupport.Simulate(DaemonSet, Lose(1));

        var report = NodeLossReport.Of(result, 1, 0);

        Assert.Null(report.TolerationSeconds);
        Assert.Equal(2, report.Timeline[^1].Available);
        Assert.Contains("not evicted and not replaced", report.Timeline[^1].Event);
        Assert.Contains("uses up maxUnavailable 1", report.Rollout);
    }

    [Fact]
    public void StatefulSet_pods_stay_down_until_force_deleted()
    {
        var result = SimulationSupport.Simulate(StatefulSet, Lose(1));

        var report = NodeLossReport.Of(result, 1, 0);

        Assert.Equal(1, report.LostPods);
        Assert.Equal(2, report.Timeline[^1].Available);
        Assert.Contains("force deleted", report.Timeline[^1].Event);
        Assert.Contains("node.kubernetes.io/out-of-service", report.Timeline[^1].Event);
        Assert.Contains("halts", report.Rollout);
    }

    // After step 2 of the 4-replica 25%/25% rollout (old 3, new 2, available 3, total 5): node-1 of 3 holds 2 pods.
    [Fact]
    public void Loss_during_the_rollout_starts_from_that_step()
    {
        var result = SimulationSupport.Simulate(SimulationSupport.Deployment(4), Lose(1, atStep: 3));

        var report = NodeLossReport.Of(result, 1, 3);

        Assert.Equal(3, report.AtStep);
        Assert.Equal(2, report.LostPods);
        Assert.Equal(3, report.Timeline[0].Available);
        Assert.Equal(1, report.Timeline[1].Available);
        Assert.StartsWith("after step 3:", report.Rollout);
    }

    // rolling.go's own example: 10 replicas, maxSurge 3, maxUnavailable 2, new pods crash-looping; a node fails.
    [Fact]
    public void Node_failure_while_new_pods_crash_loop_keeps_the_old_pods_from_being_scaled_down()
    {
        var options = Lose(1, atStep: 3) with { Nodes = 10, NewPodsFail = true };
        var result = SimulationSupport.Simulate(SimulationSupport.Deployment(10, "{maxSurge: 3, maxUnavailable: 2}"), options);

        var report = NodeLossReport.Of(result, 1, 3);

        // new→3, old→8, new→5: 13 pods, 8 available; node-1 of 10 holds 2 of them.
        Assert.False(result.Summary.Completes);
        Assert.Equal((8L, 5L, 8L), (result.Steps[2].Old, result.Steps[2].New, result.Steps[2].Available));
        Assert.Equal(2, report.LostPods);
        Assert.Equal(8, report.Timeline[0].Available);
        Assert.Equal(6, report.Timeline[1].Available);
        Assert.Contains("no old pod is scaled down and availability stays below minAvailable", report.Rollout);
    }

    [Theory]
    [InlineData(31, 40)]
    [InlineData(32, 50)]
    public void Grace_period_follows_the_target_version(int minor, long seconds)
    {
        Assert.Equal(seconds, NodeLossReport.GracePeriodSeconds(new KubernetesVersion(1, minor)));
    }
}
