using BenchmarkDotNet.Attributes;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Benchmarks;

/// <summary>
/// The rollout scenarios of issue 12: a 1,000-node DaemonSet with per-node capacity (goal: under 50 ms) and a
/// Deployment with node capacity, a PodDisruptionBudget and a lost node (goal: under 10 ms).
/// </summary>
[MemoryDiagnoser]
public class ScenarioBenchmarks
{
    private Workload daemonSet = null!;
    private Workload deployment = null!;
    private DisruptionBudget budget = null!;
    private RolloutOptions daemonSetOptions = null!;
    private RolloutOptions deploymentOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        daemonSet = Workload.From(Load(DaemonSetYaml))!;
        deployment = Workload.From(Load(DeploymentYaml))!;
        budget = DisruptionBudget.From(Load("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 10%\n  selector: {matchLabels: {app: web}}\n"))!;

        // Every 100th node is short of memory: each of the ten stops a batch, so the replay cannot skip rounds past them.
        var nodes = Enumerable.Range(1, 1000).Select(index =>
        {
            NodeResources.TryParse(index % 100 == 0 ? "cpu=2,memory=100Mi" : "cpu=2,memory=4Gi", out var free, out _);
            return new NodeDescription($"node-{index}", free);
        }).ToArray();
        daemonSetOptions = new RolloutOptions { Nodes = 1000, Cluster = new ClusterNodes(1000, nodes, null) };
        NodeResources.TryParse("cpu=2,memory=1Gi", out var everyNode, out _);
        deploymentOptions = new RolloutOptions { Nodes = 50, Cluster = new ClusterNodes(50, [], everyNode), LostNodes = 1, LostAtStep = 3, PodStartupSeconds = 10 };
    }

    [Benchmark(Baseline = true)]
    public NodeCapacityReport? DaemonSet_1000_nodes_with_capacity()
    {
        var result = RolloutSimulator.Simulate(daemonSet, daemonSetOptions);
        return NodeCapacityReport.Of(result);
    }

    [Benchmark]
    public object Deployment_capacity_budget_and_node_loss()
    {
        var result = RolloutSimulator.Simulate(deployment, deploymentOptions);
        return (NodeCapacityReport.Of(result), DisruptionReplay.Of(result, budget, 0), NodeLossReport.Of(result, 1, 3));
    }

    private static Resource Load(string yaml) => ManifestLoader.Load(new SourceFile("bench.yaml", yaml)).Resources[0];

    private const string DaemonSetYaml = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 10%}}
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers:
                - name: agent
                  image: registry.example.com/agent:2.0.1
                  resources: {requests: {cpu: 100m, memory: 200Mi}}
        """;

    private const string DeploymentYaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 200
          strategy: {rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: registry.example.com/web:1.4.2
                  resources: {requests: {cpu: 250m, memory: 256Mi}}
        """;
}
