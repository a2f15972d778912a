using ManifestLint.Engine;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;
using static ManifestLint.Tests.Simulation.SimulationSupport;

namespace ManifestLint.Tests.Simulation;

public sealed class DaemonSetAndStatefulSetSimulationTests
{
    private static string DaemonSet(string? rollingUpdate = null, string type = "RollingUpdate", string podSpec = "") => $$$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: kube-system}
        spec:
          selector: {matchLabels: {app: agent}}
          updateStrategy:
            type: {{{type}}}
        {{{(rollingUpdate is null ? string.Empty : "    rollingUpdate: " + rollingUpdate)}}}
          template:
            metadata: {labels: {app: agent}}
            spec:
        {{{podSpec}}}
              containers:
                - name: agent
                  image: "agent:2.0"
                  ports: [{containerPort: 24224}]
        """;

    private static string StatefulSet(long replicas, string strategy = "", string extraSpec = "") => $$$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: {{{replicas}}}
          serviceName: db
        {{{extraSpec}}}
        {{{strategy}}}
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "postgres:17.2"}]
        """;

    [Theory]
    [InlineData(2, "0", "1", 0, 1)]
    [InlineData(2, "0", "50%", 0, 1)]
    [InlineData(3, "0", "50%", 0, 2)]
    [InlineData(2, "50%", "0", 1, 0)]
    [InlineData(2, "100%", "0", 2, 0)]
    [InlineData(10, "0", "25%", 0, 3)]
    [InlineData(7, "30%", "0", 3, 0)]
    [InlineData(3, "0", "5", 0, 5)]
    public void DaemonSet_budget_resolves_against_nodes_rounding_both_up(int nodes, string maxSurge, string maxUnavailable, long surge, long unavailable)
    {
        var yaml = DaemonSet($"{{maxSurge: {Quote(maxSurge)}, maxUnavailable: {Quote(maxUnavailable)}}}");
        var result = Simulate(yaml, new RolloutOptions { Nodes = nodes });

        Assert.Equal((surge, unavailable), (result.Resolved.MaxSurge, result.Resolved.MaxUnavailable));
        Assert.True(result.Summary.Completes);
    }

    [Fact]
    public void DaemonSet_without_surge_deletes_then_recreates_node_by_node()
    {
        var result = Simulate(DaemonSet(), new RolloutOptions { Nodes = 3, Readiness = ReadinessModel.Instant });

        Assert.Equal("delete node-1, create node-1, delete node-2, create node-2, delete node-3, create node-3", PodSequence(result));
        Assert.Equal([1, 2, 3, 4, 5, 6], result.Steps.Select(step => step.Sync));
        Assert.Equal(2, result.Summary.MinAvailable);
        Assert.Equal(3, result.Summary.PeakPods);
        Assert.Contains(result.Notes, note => note.Contains("node order is unspecified", StringComparison.Ordinal));
    }

    [Fact]
    public void DaemonSet_with_surge_starts_the_new_pod_beside_the_old_one()
    {
        var result = Simulate(DaemonSet("{maxSurge: 1, maxUnavailable: 0}"), new RolloutOptions { Nodes = 2, Readiness = ReadinessModel.Instant });

        Assert.Equal("create node-1, delete node-1, create node-2, delete node-2", PodSequence(result));
        Assert.Equal([1, 2, 2, 3], result.Steps.Select(step => step.Sync));
        Assert.Equal(2, result.Summary.MinAvailable);
        Assert.Equal(3, result.Summary.PeakPods);
        Assert.Equal(1, result.Summary.ExtraPods);
    }

    [Fact]
    public void DaemonSet_surge_with_a_host_port_can_never_complete()
    {
        var result = Simulate(DaemonSet("{maxSurge: 1, maxUnavailable: 0}", podSpec: "      hostNetwork: true"), new RolloutOptions { Nodes = 3 });

        Assert.Equal(RolloutOutcome.Stalls, result.Summary.Outcome);
        Assert.Equal("create node-1", PodSequence(result));
        Assert.Contains("host port 24224", result.Summary.StallReason);
    }

    [Fact]
    public void DaemonSet_with_failing_pods_stalls_with_max_unavailable_nodes_down()
    {
        var result = Simulate(DaemonSet("{maxUnavailable: 2}"), new RolloutOptions { Nodes = 5, NewPodsFail = true });

        Assert.Equal("delete node-1, delete node-2, create node-1, create node-2", PodSequence(result));
        Assert.Equal(RolloutOutcome.Stalls, result.Summary.Outcome);
        Assert.Equal(3, result.Summary.MinAvailable);
        Assert.Contains("maxUnavailable 2 is used up", result.Summary.StallReason);
        Assert.Null(result.Summary.ProgressDeadlineExceededSeconds);
    }

    [Fact]
    public void DaemonSet_status_lines_count_each_nodes_oldest_pod()
    {
        var result = Simulate(DaemonSet("{maxSurge: 1, maxUnavailable: 0}"), new RolloutOptions { Nodes = 2, Readiness = ReadinessModel.Instant });

        Assert.Equal(
        [
            "Waiting for daemon set \"agent\" rollout to finish: 0 out of 2 new pods have been updated...",
            "Waiting for daemon set \"agent\" rollout to finish: 1 out of 2 new pods have been updated...",
            "daemon set \"agent\" successfully rolled out",
        ], result.StatusLines);
    }

    [Fact]
    public void OnDelete_reports_that_nothing_happens_until_pods_are_deleted()
    {
        var daemonSet = Simulate(DaemonSet(type: "OnDelete"));
        var statefulSet = Simulate(StatefulSet(3, "  updateStrategy: {type: OnDelete}"));

        foreach (var result in new[] { daemonSet, statefulSet })
        {
            Assert.Equal(RolloutOutcome.WaitsForManualDeletion, result.Summary.Outcome);
            Assert.Empty(result.Steps);
            Assert.Equal(["error: rollout status is only available for RollingUpdate strategy type"], result.StatusLines);
        }
    }

    [Fact]
    public void StatefulSet_partition_updates_the_highest_ordinals_one_at_a_time()
    {
        var result = Simulate(StatefulSet(5, "  updateStrategy: {rollingUpdate: {partition: 2}}"));

        Assert.Equal("delete db-4, create db-4, delete db-3, create db-3, delete db-2, create db-2", PodSequence(result));
        Assert.True(result.Summary.Completes);
        Assert.Equal(4, result.Summary.MinAvailable);
        Assert.Equal("partitioned roll out complete: 3 new pods have been updated...", result.StatusLines[result.StatusLines.Count - 1]);
        Assert.Contains("Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...", result.StatusLines);
    }

    [Fact]
    public void StatefulSet_without_a_rollingUpdate_block_reports_revisions()
    {
        var result = Simulate(StatefulSet(2, "  updateStrategy: {type: RollingUpdate}"));

        Assert.Equal("statefulset rolling update complete 2 pods at revision db-<new>...", result.StatusLines[result.StatusLines.Count - 1]);
        Assert.Contains("waiting for statefulset rolling update to complete 1 pods at revision db-<new>...", result.StatusLines);
    }

    [Fact]
    public void StatefulSet_max_unavailable_is_honoured_where_the_gate_is_on()
    {
        var yaml = StatefulSet(4, "  updateStrategy: {rollingUpdate: {maxUnavailable: 2}}", "  podManagementPolicy: Parallel");

        var newest = Simulate(yaml, new RolloutOptions { Readiness = ReadinessModel.Instant });
        var older = Simulate(yaml, new RolloutOptions { Readiness = ReadinessModel.Instant, KubernetesVersion = new KubernetesVersion(1, 36) });
        var early135 = Simulate(yaml, new RolloutOptions { Readiness = ReadinessModel.Instant, KubernetesVersion = new KubernetesVersion(1, 35, 2) });

        Assert.Equal("delete db-3, delete db-2, create db-2, create db-3, delete db-1, delete db-0, create db-0, create db-1", PodSequence(newest));
        Assert.Equal(2, newest.Summary.MinAvailable);
        Assert.Equal(3, older.Summary.MinAvailable);
        Assert.Equal(PodSequence(newest), PodSequence(early135));
        Assert.Equal("delete db-3, create db-3, delete db-2, create db-2, delete db-1, create db-1, delete db-0, create db-0", PodSequence(older));
        Assert.Contains(older.Notes, note => note.Contains("maxUnavailable is dropped on Kubernetes 1.36", StringComparison.Ordinal));
    }

    [Fact]
    public void StatefulSet_with_a_failing_pod_waits_at_the_highest_ordinal()
    {
        var result = Simulate(StatefulSet(3), new RolloutOptions { NewPodsFail = true });

        Assert.Equal("delete db-2, create db-2", PodSequence(result));
        Assert.Equal(RolloutOutcome.Stalls, result.Summary.Outcome);
        Assert.StartsWith("pod db-2 at the new revision never becomes Ready: the controller waits for it and does not update db-1", result.Summary.StallReason);
    }

    [Fact]
    public void Single_replica_StatefulSet_has_an_outage_window()
    {
        var result = Simulate(StatefulSet(1, extraSpec: "  minReadySeconds: 10"), new RolloutOptions { PodStartupSeconds = 5 });

        Assert.Equal(0, result.Summary.MinAvailable);
        // The pod is recreated once the old one stopped (terminationGracePeriodSeconds 30), then 5 s + minReadySeconds 10.
        Assert.Equal(30 + 15, result.Summary.Outage?.Seconds);
        Assert.Equal(30 + 15, result.Summary.EstimatedSeconds);
    }

    private static string Quote(string value) => value.EndsWith('%') ? $"\"{value}\"" : value;
}
