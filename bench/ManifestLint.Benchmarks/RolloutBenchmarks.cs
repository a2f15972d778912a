using BenchmarkDotNet.Attributes;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Benchmarks;

/// <summary>One Deployment with 10,000 replicas, simulated in-process (goal: under 100 ms).</summary>
[MemoryDiagnoser]
public class RolloutBenchmarks
{
    private Workload defaultStrategy = null!;
    private Workload onePodAtATime = null!;
    private string manifest = null!;

    [GlobalSetup]
    public void Setup()
    {
        manifest = Deployment("{maxSurge: 25%, maxUnavailable: 25%}");
        defaultStrategy = Load(manifest);
        onePodAtATime = Load(Deployment("{maxSurge: 1, maxUnavailable: 0}"));
    }

    /// <summary>25 % / 25 %: a handful of large steps.</summary>
    [Benchmark(Baseline = true)]
    public RolloutResult Default_strategy_10000_replicas() => RolloutSimulator.Simulate(defaultStrategy, RolloutOptions.Default);

    /// <summary>maxSurge 1, maxUnavailable 0: 20,000 steps and 30,000 syncs, the worst case for 10,000 replicas.</summary>
    [Benchmark]
    public RolloutResult One_pod_at_a_time_10000_replicas() => RolloutSimulator.Simulate(onePodAtATime, RolloutOptions.Default);

    /// <summary>Parse the YAML, check the input and simulate: what <c>manifestlint rollout</c> does per workload.</summary>
    [Benchmark]
    public RolloutResult? Parse_and_simulate_10000_replicas() =>
        RolloutSimulator.TrySimulate(Load(manifest), RolloutOptions.Default);

    private static Workload Load(string yaml) =>
        Workload.From(ManifestLoader.Load(new SourceFile("bench.yaml", yaml)).Resources[0])!;

    private static string Deployment(string rollingUpdate) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 10000
          strategy:
            type: RollingUpdate
            rollingUpdate: {{{rollingUpdate}}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.27.3"}]
        """;
}
