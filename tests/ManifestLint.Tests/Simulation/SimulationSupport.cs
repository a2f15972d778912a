using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Tests.Simulation;

/// <summary>Builds workloads from YAML and prints simulated steps in the compact "new→1" form the Kubernetes docs use.</summary>
internal static class SimulationSupport
{
    public static Workload Workload(string yaml)
    {
        var loaded = ManifestLoader.Load(new SourceFile("test.yaml", yaml));
        Assert.Empty(loaded.Problems);
        return Engine.Model.Workload.From(Assert.Single(loaded.Resources)) ?? throw new InvalidOperationException("not a workload");
    }

    public static string Deployment(long replicas, string? rollingUpdate = null, string strategyType = "RollingUpdate", string extraSpec = "") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: {{{replicas}}}
        {{{extraSpec}}}
          strategy:
            type: {{{strategyType}}}
        {{{(rollingUpdate is null ? string.Empty : "    rollingUpdate: " + rollingUpdate)}}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.27.3"}]
        """;

    public static RolloutResult Simulate(string yaml, RolloutOptions? options = null) =>
        RolloutSimulator.Simulate(Workload(yaml), options ?? RolloutOptions.Default);

    /// <summary>Deployment steps as "new→1, old→3, …".</summary>
    public static string Sequence(RolloutResult result) =>
        string.Join(", ", result.Steps.Select(step => $"{step.Target}→{step.To}"));

    /// <summary>Pod steps as "delete web-4, create web-4, …".</summary>
    public static string PodSequence(RolloutResult result) =>
        string.Join(", ", result.Steps.Select(step => $"{(step.Action == RolloutAction.CreatePod ? "create" : "delete")} {step.Target}"));
}
