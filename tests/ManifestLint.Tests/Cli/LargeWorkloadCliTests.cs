using ManifestLint.Cli;

namespace ManifestLint.Tests.Cli;

/// <summary>Huge replica and node counts through the CLI (issue 7 point 4): they finish and summarise, never crash.</summary>
public sealed class LargeWorkloadCliTests
{
    private const string DaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers:
                - name: agent
                  image: "agent:2.0"
                  readinessProbe: {httpGet: {path: /, port: 8080}}
        """;

    [Fact]
    public void Rollout_on_int32_max_nodes_summarises_the_repeated_rounds()
    {
        using var folder = new TempDirectory();
        folder.Write("agent.yaml", DaemonSet);

        var run = CliRunner.Run(folder.Path, "rollout", "--nodes", "2147483647", "agent.yaml");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("… the 2 steps above repeat 2,147,483,641 more times, each round 3 syncs later and 1 pod further …", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("steps               4294967294", run.Stdout, StringComparison.Ordinal);
        Assert.True(run.Stdout.Split('\n').Length < 80, run.Stdout);
    }

    [Fact]
    public void Check_with_a_million_nodes_in_the_configuration_replays_the_daemonset()
    {
        using var folder = new TempDirectory();
        folder.Write("agent.yaml", DaemonSet.Replace("spec:\n  selector", "spec:\n  updateStrategy: {rollingUpdate: {maxSurge: 2, maxUnavailable: 0}}\n  selector", StringComparison.Ordinal));
        folder.Write(".manifestlint.yaml", "rollout:\n  nodes: 1000000\n  maxExtraPods: 1\n");

        var run = CliRunner.Run(folder.Path, "check", "agent.yaml");

        // Two surge pods at a time over a million nodes, plus the two old pods still stopping beside their
        // replacements: the replay ran to its peak, so ML6003 sees 4 extra pods.
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("ML6003", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("up to 1000004 pods for 1000000 desired, counting old pods until they stop, 4 extra", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicas_beyond_int32_are_an_api_rejection_in_check_and_rollout_alike()
    {
        using var folder = new TempDirectory();
        folder.Write("web.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3000000000
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: "nginx:1.27.3"}]}}
            """);

        var check = CliRunner.Run(folder.Path, "check", "web.yaml");
        var rollout = CliRunner.Run(folder.Path, "rollout", "web.yaml");

        const string message = "Deployment replicas 3000000000 does not fit the API's int32 (at most 2147483647)";
        Assert.Equal(ExitCodes.FindingsReported, check.ExitCode);
        Assert.Contains($"web.yaml:5:13: error[ML5006] {message}", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.FindingsReported, rollout.ExitCode);
        Assert.Contains(message, rollout.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("successfully rolled out", rollout.Stdout, StringComparison.Ordinal);
    }
}
