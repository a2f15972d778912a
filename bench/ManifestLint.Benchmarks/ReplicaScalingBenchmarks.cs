using BenchmarkDotNet.Attributes;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Benchmarks;

/// <summary>
/// The replay's cost against replicas and nodes (issue 7 point 4, issue 11 A8): one pod at a time is the worst case,
/// and time and allocation must stay flat from 10,000 to int32's maximum (goal: under 50 ms and 50 MB each).
/// </summary>
[MemoryDiagnoser]
public class ReplicaScalingBenchmarks
{
    private Workload deployment = null!;
    private Workload statefulSet = null!;
    private Workload daemonSet = null!;

    [Params(10_000, 10_000_000, int.MaxValue)]
    public int Pods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        deployment = Load($$$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: {{{Pods}}}
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: "nginx:1.27.3"}]}}
            """);
        statefulSet = Load($$$"""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: {{{Pods}}}
              serviceName: db
              selector: {matchLabels: {app: db}}
              template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: "postgres:17.2"}]}}
            """);
        daemonSet = Load("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: agent, image: "agent:2.0"}]}}
            """);
    }

    [Benchmark]
    public RolloutResult Deployment_one_pod_at_a_time() => RolloutSimulator.Simulate(deployment, RolloutOptions.Default);

    [Benchmark]
    public RolloutResult StatefulSet_one_pod_at_a_time() => RolloutSimulator.Simulate(statefulSet, RolloutOptions.Default);

    [Benchmark]
    public RolloutResult DaemonSet_one_node_at_a_time() => RolloutSimulator.Simulate(daemonSet, RolloutOptions.Default with { Nodes = Pods });

    private static Workload Load(string yaml) =>
        Workload.From(ManifestLoader.Load(new SourceFile("bench.yaml", yaml)).Resources[0])!;
}
