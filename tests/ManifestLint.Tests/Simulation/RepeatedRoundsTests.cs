using ManifestLint.Engine.Simulation;
using static ManifestLint.Tests.Simulation.SimulationSupport;

namespace ManifestLint.Tests.Simulation;

/// <summary>
/// Skipping identical rounds (issue 7 point 4, issue 11 A8): the replay's cost does not grow with replicas or nodes,
/// and the skipped replay says exactly what the full one says.
/// </summary>
public sealed class RepeatedRoundsTests
{
    private static string StatefulSet(long replicas, string extraSpec) => $$$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: {{{replicas}}}
          serviceName: db
        {{{extraSpec}}}
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "postgres:17.2"}]
        """;

    private static string DaemonSet(string rollingUpdate) => $$$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {{{rollingUpdate}}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: agent, image: "agent:2.0"}]
        """;

    // Percentages scale with the size, so their rounds never repeat often enough to be skipped: compared, not required to skip.
    private const long PercentBudget = 2;

    public static TheoryData<string, long> Workloads() => new()
    {
        { Deployment(0, "{maxSurge: 1, maxUnavailable: 0}"), 0 },
        { Deployment(0, "{maxSurge: 0, maxUnavailable: 1}"), 0 },
        { Deployment(0, "{maxSurge: 2, maxUnavailable: 1}"), 0 },
        { Deployment(0, "{maxSurge: 25%, maxUnavailable: 25%}"), PercentBudget },
        { Deployment(0, "{maxSurge: 3, maxUnavailable: 0}", extraSpec: "  minReadySeconds: 7"), 0 },
        { StatefulSet(0, string.Empty), 0 },
        { StatefulSet(0, "  updateStrategy: {rollingUpdate: {partition: 3}}"), 0 },
        { StatefulSet(0, "  podManagementPolicy: Parallel\n  updateStrategy: {rollingUpdate: {maxUnavailable: 3}}"), 0 },
        { StatefulSet(0, "  updateStrategy: {rollingUpdate: {maxUnavailable: 2}}"), 0 },
        { DaemonSet("{maxSurge: 0, maxUnavailable: 1}"), 1 },
        { DaemonSet("{maxSurge: 0, maxUnavailable: 4}"), 1 },
        { DaemonSet("{maxSurge: 1, maxUnavailable: 0}"), 1 },
        { DaemonSet("{maxSurge: 3, maxUnavailable: 0}"), 1 },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Skipping_rounds_gives_the_full_replay_step_for_step(string yaml, long kind)
    {
        var runsWithSkippedRounds = 0;
        foreach (var size in new long[] { 1, 2, 5, 13, 40, 97 })
        {
            foreach (var readiness in new[] { ReadinessModel.Lagged, ReadinessModel.Instant })
            {
                foreach (var startup in new long?[] { null, 20 })
                {
                    var options = new RolloutOptions { Readiness = readiness, PodStartupSeconds = startup, Nodes = (int)size, Replicas = kind == 1 ? null : size };
                    var skipped = Simulate(yaml, options);
                    var full = Simulate(yaml, options with { SkipRepeatedRounds = false });

                    Assert.Empty(full.Repeats);
                    Assert.Equal(full.Summary, skipped.Summary);
                    Assert.Equal(Describe(full.Steps), Describe(Expand(skipped)));
                    Assert.Equal(full.StatusLines[full.StatusLines.Count - 1], skipped.StatusLines[skipped.StatusLines.Count - 1]);
                    if (skipped.Repeats.Count > 0)
                        runsWithSkippedRounds++;
                }
            }
        }

        Assert.True(kind == PercentBudget || runsWithSkippedRounds > 0, "no size skipped any round: the comparison proves nothing");
    }

    [Theory]
    [InlineData("{maxSurge: 1, maxUnavailable: 0}", 2L * int.MaxValue)]
    [InlineData("{maxSurge: 0, maxUnavailable: 1}", 2L * int.MaxValue)]
    [InlineData("{maxSurge: 25%, maxUnavailable: 25%}", 10)]
    public void Deployment_with_int32_max_replicas_lists_a_bounded_number_of_steps(string rollingUpdate, long steps)
    {
        var result = Simulate(Deployment(int.MaxValue, rollingUpdate));

        AssertBounded(result, steps);
    }

    [Theory]
    [InlineData("", 2L * int.MaxValue)]
    [InlineData("  podManagementPolicy: Parallel\n  updateStrategy: {rollingUpdate: {maxUnavailable: 1}}", 2L * int.MaxValue)]
    // Ten rounds of 214,748,364 pods (one step each way), then the last 7 pods listed one by one.
    [InlineData("  podManagementPolicy: Parallel\n  updateStrategy: {rollingUpdate: {maxUnavailable: 10%}}", 34)]
    public void StatefulSet_with_int32_max_replicas_lists_a_bounded_number_of_steps(string extraSpec, long steps)
    {
        var result = Simulate(StatefulSet(int.MaxValue, extraSpec));

        AssertBounded(result, steps);
    }

    [Theory]
    [InlineData("{maxSurge: 0, maxUnavailable: 1}", 2L * int.MaxValue)]
    [InlineData("{maxSurge: 1, maxUnavailable: 0}", 2L * int.MaxValue)]
    // burstReplicas: the controller deletes, then creates, at most 250 pods per sync: 2 × ⌈2147483647 / 250⌉ steps.
    [InlineData("{maxSurge: 0, maxUnavailable: 100%}", 2L * ((int.MaxValue + 249L) / 250))]
    public void DaemonSet_on_int32_max_nodes_lists_a_bounded_number_of_steps(string rollingUpdate, long steps)
    {
        var result = Simulate(DaemonSet(rollingUpdate), new RolloutOptions { Nodes = int.MaxValue });

        AssertBounded(result, steps);
    }

    [Fact]
    public void A_rollout_whose_rounds_cannot_be_skipped_stops_at_the_cap_and_says_so()
    {
        // OrderedReady with a large maxUnavailable creates one pod per round step: no round repeats within the cap.
        var result = Simulate(StatefulSet(int.MaxValue, "  updateStrategy: {rollingUpdate: {maxUnavailable: 50%}}"));

        Assert.True(result.Summary.StoppedBySyncLimit);
        Assert.StartsWith($"not simulated beyond {RolloutRecorder.SimulatedSyncCap:N0} controller syncs", result.Summary.StallReason, StringComparison.Ordinal);
        Assert.True(result.Steps.Count <= RolloutRecorder.SimulatedSyncCap * 2);
    }

    private static void AssertBounded(RolloutResult result, long steps)
    {
        Assert.True(result.Summary.Completes, result.Summary.StallReason);
        Assert.Equal(steps, result.Summary.Steps);
        Assert.True(result.Steps.Count <= 60, $"{result.Steps.Count} steps listed");
        Assert.True(result.StatusLines.Count <= 60, $"{result.StatusLines.Count} status lines");
        Assert.Equal(steps, result.Steps.Count + result.Repeats.Sum(repeat => repeat.StepCount * repeat.Times));
    }

    /// <summary>The listed steps with every skipped round written out, each shifted like the round before it.</summary>
    private static List<RolloutStep> Expand(RolloutResult result)
    {
        var expanded = new List<RolloutStep>();
        var next = 0;
        foreach (var repeat in result.Repeats)
        {
            var roundEnd = repeat.FirstStep + repeat.StepCount;
            expanded.AddRange(result.Steps.Skip(next).Take(roundEnd - next));
            for (var time = 1; time <= repeat.Times; time++)
            {
                for (var offset = 0; offset < repeat.StepCount; offset++)
                {
                    var last = result.Steps[repeat.FirstStep + offset];
                    var before = result.Steps[repeat.FirstStep - repeat.StepCount + offset];
                    expanded.Add(last with
                    {
                        Sync = last.Sync + (time * repeat.SyncsPerRound),
                        To = last.To + (time * (last.To - before.To)),
                        Old = last.Old + (time * (last.Old - before.Old)),
                        New = last.New + (time * (last.New - before.New)),
                        Available = last.Available + (time * (last.Available - before.Available)),
                        Total = last.Total + (time * (last.Total - before.Total)),
                        Seconds = last.Seconds + (time * (last.Seconds - before.Seconds)),
                        Index = last.Index + (time * (last.Index - before.Index)),
                    });
                }
            }

            next = roundEnd;
        }

        expanded.AddRange(result.Steps.Skip(next));
        return expanded;
    }

    private static List<string> Describe(IEnumerable<RolloutStep> steps) =>
        steps.Select(step => $"{step.Sync} {step.Action} {step.Index} x{step.Pods} to={step.To} old={step.Old} new={step.New} avail={step.Available} total={step.Total} t={step.Seconds}").ToList();
}
