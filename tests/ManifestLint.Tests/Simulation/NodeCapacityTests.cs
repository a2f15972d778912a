using System.Diagnostics;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Tests.Simulation;

public class NodeCapacityTests
{
    private static string DaemonSet(string rollingUpdate, string requests) => $$$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {{{rollingUpdate}}}
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers:
                - name: agent
                  image: registry.example.com/agent:2.0.1
                  resources: {{{requests}}}
        """;

    private static RolloutOptions Nodes(string? old, params (string Name, string Free)[] nodes)
    {
        var described = nodes.Select(node =>
        {
            Assert.True(NodeResources.TryParse(node.Free, out var free, out var error), error);
            return new NodeDescription(node.Name, free);
        }).ToArray();
        var previous = old is null ? null : SimulationSupport.Workload(DaemonSet("{maxUnavailable: 1}", old)).TemplateSpec;
        return new RolloutOptions { Nodes = described.Length, Cluster = new ClusterNodes(described.Length, described, null), PreviousPodSpec = previous };
    }

    private static string Steps(RolloutResult result) => string.Join(", ", result.Steps.Select(step => step.Message));

    // The DaemonSet task's troubleshooting case: the update adds requests (cpu 100m, memory 200Mi) to pods that had
    // none; node-2 has 150Mi free. node-1 rolls; node-2's new pod stays Pending and holds the one unavailable node
    // maxUnavailable allows, so node-3 keeps its old pod.
    [Fact]
    public void DaemonSet_without_surge_stalls_on_the_node_without_room_for_the_difference()
    {
        var options = Nodes("{}", ("node-1", "cpu=1500m,memory=2Gi"), ("node-2", "cpu=250m,memory=150Mi"), ("node-3", "cpu=1500m,memory=2Gi"));

        var result = SimulationSupport.Simulate(DaemonSet("{maxUnavailable: 1}", "{limits: {memory: 200Mi}, requests: {cpu: 100m, memory: 200Mi}}"), options);

        Assert.Equal(
            "Deleted pod: agent-<old> on node-1, Created pod: agent-<new> on node-1, Deleted pod: agent-<old> on node-2, " +
            "Created pod: agent-<new> on node-2 (stays Pending: Insufficient memory)",
            Steps(result));
        Assert.Equal(RolloutOutcome.Stalls, result.Summary.Outcome);
        Assert.Equal(5, result.Summary.LastProgressSync);
        Assert.StartsWith("new pods stay Pending (Insufficient memory) on node-2: maxUnavailable 1 is used up", result.Summary.StallReason);
        var report = NodeCapacityReport.Of(result)!;
        Assert.True(report.Stalls);
        Assert.Equal([new BlockedNode("node-2", "cpu 250m, memory 150Mi", "Insufficient memory")], report.Blocked);
        Assert.Contains("free memory 50Mi more", report.Fixes[0]);
        Assert.Equal("or request at most memory 150Mi per pod, which every node has room for", report.Fixes[1]);
    }

    // Old pods requesting 100Mi free it before the new 200Mi pod starts: without surge 150Mi free is enough; with
    // surge the new pod starts beside the old one and needs all 200Mi.
    [Theory]
    [InlineData("{maxUnavailable: 1}", true)]
    [InlineData("{maxSurge: 1, maxUnavailable: 0}", false)]
    public void Surge_needs_the_whole_request_beside_the_old_pod(string rollingUpdate, bool completes)
    {
        var options = Nodes("{requests: {memory: 100Mi}}", ("a", "memory=150Mi"), ("b", "memory=150Mi"));

        var result = SimulationSupport.Simulate(DaemonSet(rollingUpdate, "{requests: {memory: 200Mi}}"), options);

        Assert.Equal(completes, result.Summary.Completes);
        Assert.Equal(completes ? 0 : 2, NodeCapacityReport.Of(result)!.BlockedCount);
        if (!completes)
        {
            Assert.Equal("Created pod: agent-<new> on a (stays Pending: Insufficient memory)", Steps(result));
            Assert.Contains("maxSurge 1 is used up", result.Summary.StallReason);
        }
    }

    [Fact]
    public void Pods_slot_limits_a_surge_pod()
    {
        var options = Nodes(null, ("a", "pods=0"));

        var result = SimulationSupport.Simulate(DaemonSet("{maxSurge: 1, maxUnavailable: 0}", "{}"), options);

        Assert.False(result.Summary.Completes);
        Assert.Equal("Too many pods", NodeCapacityReport.Of(result)!.Blocked.Single().Shortage);
    }

    // 1,000 nodes, every 100th short of memory, maxUnavailable 10%: the 100 unavailable slots are used up by the
    // Pending pods only after all ten short nodes have been reached, so every other node rolls first.
    [Fact]
    public void Thousand_described_nodes_replay_in_batches_that_stop_at_nodes_without_room()
    {
        var nodes = Enumerable.Range(1, 1000).Select(index => ($"n{index}", index % 100 == 0 ? "memory=100Mi" : "memory=4Gi")).ToArray();
        var options = Nodes("{}", nodes);
        var workload = DaemonSet("{maxUnavailable: 10%}", "{requests: {memory: 200Mi}}");

        var watch = Stopwatch.StartNew();
        var result = SimulationSupport.Simulate(workload, options);
        watch.Stop();

        Assert.False(result.Summary.Completes);
        Assert.Equal(1000, result.Steps[^1].New);
        Assert.Equal(990, result.Steps[^1].Available);
        Assert.Equal(10, NodeCapacityReport.Of(result)!.BlockedCount);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Undescribed_nodes_are_named_around_the_described_ones()
    {
        var cluster = new ClusterNodes(4, [new NodeDescription("node-2", NodeResources.Unlimited)], NodeResources.Unlimited);

        Assert.Equal(["node-2", "node-1", "node-3", "node-4"], Enumerable.Range(0, 4).Select(index => cluster.Name(index)));
    }

    // 4 old pods on 2 nodes (2 each) requesting 256Mi; each node has 200Mi free with them running: a node takes a new
    // pod once one old pod is gone (456Mi), two once both are (712Mi).
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(4, 4)]
    public void Deployment_room_grows_as_old_pods_are_deleted_evenly(long removed, long fits)
    {
        NodeResources.TryParse("memory=200Mi", out var free, out _);
        var cluster = new ClusterNodes(2, [], free);
        var requests = new PodRequests(0, 256L << 20);

        Assert.Equal(fits, DeploymentCapacity.Capacity(cluster, replicas: 4, removed, requests, requests));
    }

    [Theory]
    [InlineData("memory=200Mi", "{maxSurge: 1, maxUnavailable: 0}", true, "stalls at the first scale-up")]
    [InlineData("memory=200Mi", "{maxSurge: 1, maxUnavailable: 1}", false, "slower: room for 0 of maxSurge 1 extra pods")]
    [InlineData("memory=300Mi", "{maxSurge: 1, maxUnavailable: 0}", false, null)]
    public void Deployment_needs_room_for_max_surge_extra_pods(string free, string rollingUpdate, bool stalls, string? stall)
    {
        var yaml = $$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 4
              strategy: {rollingUpdate: {{{rollingUpdate}}}}
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: registry.example.com/web:1.4.2
                      resources: {requests: {memory: 256Mi}}
            """;
        NodeResources.TryParse(free, out var resources, out _);

        var result = SimulationSupport.Simulate(yaml, new RolloutOptions { Cluster = new ClusterNodes(2, [], resources) });

        var report = NodeCapacityReport.Of(result)!;
        Assert.Equal(stalls, report.Stalls);
        if (stall is null)
            Assert.Null(report.Stall);
        else
            Assert.StartsWith(stall, report.Stall);
        Assert.Contains("approximation", report.Approximation);
    }

    [Theory]
    [InlineData("cpu=100m,memory=200Mi,pods=3", 100L, 200L << 20, 3L)]
    [InlineData("memory=1.5Gi", null, 3L << 29, null)]
    [InlineData("cpu=2", 2000L, null, null)]
    public void Node_resources_parse_quantities(string text, long? cpu, long? memory, long? pods)
    {
        Assert.True(NodeResources.TryParse(text, out var resources, out var error), error);
        Assert.Equal(new NodeResources(cpu, memory, pods), resources);
    }

    [Theory]
    [InlineData("cpu=lots", "cpu=lots is not a non-negative quantity such as 500m")]
    [InlineData("memroy=1Gi", "unknown resource 'memroy' (did you mean 'memory'?)")]
    [InlineData("pods=-1", "pods=-1 is not a non-negative integer")]
    [InlineData("cpu", "'cpu' is not KEY=VALUE")]
    public void Node_resources_name_what_is_wrong(string text, string message)
    {
        Assert.False(NodeResources.TryParse(text, out _, out var error));
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void Pod_requests_add_containers_and_take_the_largest_init_container_and_limits_as_defaults()
    {
        var spec = ManifestLoader.Load(new SourceFile("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              initContainers:
                - {name: init, image: i, resources: {requests: {cpu: "1", memory: 64Mi}}}
                - {name: sidecar, image: s, restartPolicy: Always, resources: {requests: {cpu: 50m}}}
              containers:
                - {name: a, image: a, resources: {requests: {cpu: 100m, memory: 100Mi}}}
                - {name: b, image: b, resources: {limits: {cpu: 200m, memory: 28Mi}}}
            """)).Resources.Single().Spec;

        Assert.Equal(new PodRequests(1000, 128L << 20), PodRequests.Of(spec));
    }

    [Fact]
    public void Rollout_nodes_in_the_configuration_describe_nodes()
    {
        var configuration = ConfigurationFile.Parse(".manifestlint.yaml", "rollout:\n  nodes:\n    - {name: a, cpu: 500m, memory: 1Gi}\n    - {name: b, pods: 3}\n");

        Assert.Equal(2, configuration.Rollout.Nodes);
        Assert.Equal([new NodeDescription("a", new NodeResources(500, 1L << 30, null)), new NodeDescription("b", new NodeResources(null, null, 3))], configuration.Rollout.DescribedNodes);
    }

    [Theory]
    [InlineData("rollout:\n  nodes:\n    - {cpu: 1}\n", 3, "a 'rollout.nodes' entry needs a name")]
    [InlineData("rollout:\n  nodes:\n    - {name: a, memroy: 1Gi}\n", 3, "unknown key 'rollout.nodes[].memroy' (did you mean 'memory'?)")]
    [InlineData("rollout:\n  nodes:\n    - {name: a, cpu: many}\n", 3, "'rollout.nodes[].cpu': cpu=many is not")]
    [InlineData("rollout:\n  nodes:\n    - {name: a}\n    - {name: a}\n", 4, "node 'a' is described twice")]
    public void Invalid_rollout_nodes_name_the_position(string yaml, int line, string message)
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationFile.Parse(".manifestlint.yaml", yaml));

        Assert.Equal(line, exception.Position!.Value.Line);
        Assert.Contains(message, exception.Message);
    }
}
