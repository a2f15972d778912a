using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Simulation;

/// <summary><c>rollout</c> and <c>check</c> agree on what the API server rejects, and pods that can never start fail the replay.</summary>
public sealed class RolloutVerdictTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.27.3"}]
        """;

    private const string StatefulSet = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 2
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "postgres:17.2"}]
        """;

    public static TheoryData<string, string, string> RejectedWorkloads => new()
    {
        // ML8xxx: the API-validity family the rollout gate used to ignore.
        { "an unknown field", Deployment.Replace("replicas: 2", "replicas: 2\n  replica: 3"), "ML8001" },
        { "an invalid label", Deployment.Replace("{app: web}}\n  template", "{app: web}}\n  template").Replace("labels: {app: web}", "labels: {app: web, \"bad key!\": x}"), "ML8103" },
        { "a removed apiVersion", Deployment.Replace("apps/v1", "extensions/v1beta1"), "ML7001" },
        { "a container without image", Deployment.Replace(", image: \"nginx:1.27.3\"", string.Empty), "ML4001" },
        { "a duplicate key", Deployment.Replace("replicas: 2", "replicas: 2\n  replicas: 3"), "ML9002" },
    };

    [Theory]
    [MemberData(nameof(RejectedWorkloads))]
    public void A_workload_check_reports_as_rejected_is_not_rolled_out(string what, string yaml, string ruleId)
    {
        using var directory = new TempDirectory();
        directory.Write("app.yaml", yaml);

        var check = CliRunner.Run(directory.Path, "check", "app.yaml");
        var rollout = CliRunner.Run(directory.Path, "rollout", "app.yaml");

        Assert.True(check.ExitCode == 1, what);
        Assert.Contains(ruleId, check.Stdout);
        Assert.Equal(1, rollout.ExitCode);
        Assert.Contains("not simulated: the API server rejects this object", rollout.Stdout);
        Assert.Contains($"[{ruleId}]", rollout.Stdout);
        Assert.DoesNotContain("successfully rolled out", rollout.Stdout);
    }

    public static TheoryData<string, string, string, string> NeverStartingTemplates => new()
    {
        { "a malformed image", Deployment.Replace("nginx:1.27.3", "nginx:1.27.3:beta"), "ML4002", "new pods can never start (ML4002" },
        { "an image with whitespace", Deployment.Replace("\"nginx:1.27.3\"", "\"nginx:1.27.3 \""), "ML4003", "new pods can never start (ML4003" },
        { "a StatefulSet template Pod validation refuses", StatefulSet.Replace("containers: [{name: db,", "restartPolicy: Always\n      dnsPolicy: Sometimes\n      containers: [{name: db,"), "ML8199", "can never start (ML8199" },
    };

    [Theory]
    [MemberData(nameof(NeverStartingTemplates))]
    public void New_pods_that_can_never_start_stall_the_replay_and_say_why(string what, string yaml, string ruleId, string reason)
    {
        using var directory = new TempDirectory();
        directory.Write("app.yaml", yaml);

        var rollout = CliRunner.Run(directory.Path, "rollout", "app.yaml");
        var forced = CliRunner.Run(directory.Path, "rollout", "app.yaml", "--new-pods-fail");

        Assert.True(rollout.ExitCode == 1, what + "\n" + rollout.Stdout);
        Assert.Contains(ruleId, CliRunner.Run(directory.Path, "check", "app.yaml").Stdout);
        Assert.Contains(reason, rollout.Stdout);
        Assert.DoesNotContain("successfully rolled out", rollout.Stdout);
        if (ruleId == "ML8199")
        {
            // The controller's creations are rejected: the pod never exists, and it is the same stall.
            Assert.Contains("create Pod db-1 in StatefulSet db failed: the API server rejects the pod (new revision)    1    0          1      1", rollout.Stdout);
            Assert.Contains("stalls after sync 2", forced.Stdout);
            Assert.Contains("stalls after sync 2", rollout.Stdout);
        }
        else
        {
            // The same replay as --new-pods-fail: only the stated reason differs.
            Assert.Equal(Steps(forced.Stdout), Steps(rollout.Stdout));
        }
    }

    private static string Steps(string output) =>
        string.Join("\n", output.Split('\n').TakeWhile(line => !line.Contains("result", StringComparison.Ordinal)));
}
