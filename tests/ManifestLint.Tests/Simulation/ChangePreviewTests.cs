using System.Diagnostics;
using System.Text.Json;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Simulation;

public sealed class ChangePreviewTests
{
    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {team: a}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "registry.example.com/web:latest"}]
        """;

    private const string Db = """
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
              containers: [{name: db, image: "postgres:17.2"}]
          volumeClaimTemplates:
            - metadata: {name: data}
              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
        """;

    [Fact]
    public void Image_change_in_the_template_triggers_a_rollout()
    {
        var change = Compare(Web, Web.Replace("web:latest", "web:2.1.0"));

        Assert.True(change.TriggersRollout);
        Assert.Equal(WorkloadChangeKind.Modified, change.Kind);
        // The defaulted pull policy follows the tag, so it changes too.
        Assert.Equal(
            [
                new FieldChange("spec.template.spec.containers[0].image", "registry.example.com/web:latest", "registry.example.com/web:2.1.0"),
                new FieldChange("spec.template.spec.containers[0].imagePullPolicy", "Always", "IfNotPresent"),
            ],
            change.TemplateChanges);
        Assert.Contains(change.Notes, note => note.Contains("`kubectl rollout undo` restores the tag, not the old code", StringComparison.Ordinal));
    }

    [Fact]
    public void Labels_outside_the_template_and_replicas_do_not_roll_out()
    {
        var change = Compare(Web, Web.Replace("team: a", "team: b").Replace("replicas: 3", "replicas: 5"));

        Assert.False(change.TriggersRollout);
        Assert.Equal(["metadata.labels.team", "spec.replicas"], change.OtherChanges);
        Assert.Contains(change.Notes, note => note.StartsWith("the pod template is unchanged", StringComparison.Ordinal));
        Assert.Contains("spec.replicas 3 → 5 scales without replacing pods", change.Notes);
    }

    [Fact]
    public void Reapplying_a_latest_tag_starts_no_rollout_and_says_undo_cannot_help()
    {
        var reformatted = Web.Replace("containers: [{name: web, image: \"registry.example.com/web:latest\"}]",
            "containers:\n          - image: registry.example.com/web:latest  # same tag, new build\n            name: web");

        var change = Compare(Web, reformatted);

        Assert.False(change.TriggersRollout);
        Assert.Equal(WorkloadChangeKind.Unchanged, change.Kind);
        Assert.Contains(change.Notes, note => note.Contains("mutable tag: re-applying it starts no rollout", StringComparison.Ordinal)
                                              && note.Contains("`kubectl rollout undo` cannot bring back old code of a mutable tag", StringComparison.Ordinal));
    }

    [Fact]
    public void Selector_change_is_rejected_by_apply()
    {
        var change = Compare(Web, Web.Replace("{matchLabels: {app: web}}", "{matchLabels: {app: web, tier: front}}"));

        var immutable = Assert.Single(change.ImmutableChanges);
        Assert.Equal("spec.selector", immutable.Path);
        Assert.True(change.RejectedByApply);
    }

    [Theory]
    [InlineData("serviceName: db", "serviceName: db-headless", "spec.serviceName")]
    [InlineData("storage: 10Gi", "storage: 20Gi", "spec.volumeClaimTemplates")]
    [InlineData("serviceName: db", "serviceName: db\n  podManagementPolicy: Parallel", "spec.podManagementPolicy")]
    public void StatefulSet_immutable_fields_are_flagged(string from, string to, string path)
    {
        var change = Compare(Db, Db.Replace(from, to));

        Assert.Equal(path, Assert.Single(change.ImmutableChanges).Path);
    }

    [Fact]
    public void Explicit_default_pod_management_policy_is_not_a_change()
    {
        var change = Compare(Db, Db.Replace("serviceName: db", "serviceName: db\n  podManagementPolicy: OrderedReady"));

        Assert.Empty(change.ImmutableChanges);
    }

    [Fact]
    public void Objects_are_matched_by_kind_namespace_and_name()
    {
        var changes = ChangePreview.Compare(Load(Web), Load(Web.Replace("name: web\n", "name: web-v2\n")));

        Assert.Equal([WorkloadChangeKind.Added, WorkloadChangeKind.Removed], changes.Select(change => change.Kind));
    }

    [Fact]
    public void Change_preview_exits_1_when_apply_would_reject_the_change()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("old.yaml", Db);
        directory.Write("new.yaml", Db.Replace("serviceName: db", "serviceName: db-headless"));

        var run = CliRunner.Run(directory.Path, "rollout", "--before", "old.yaml", "--after", "new.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  change: kubectl apply rejects this change", run.Stdout);
        Assert.Contains("  error: spec.serviceName cannot change", run.Stdout);
        Assert.DoesNotContain("sync  event", run.Stdout);
    }

    [Fact]
    public void Json_change_preview_lists_changes_and_simulated_workloads()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("old.yaml", Web + "\n---\n" + Db);
        directory.Write("new.yaml", Web.Replace("team: a", "team: b") + "\n---\n" + Db.Replace("postgres:17.2", "postgres:17.3"));

        var run = CliRunner.Run(directory.Path, "rollout", "--before", "old.yaml", "--after", "new.yaml", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var workload = Assert.Single(json.RootElement.GetProperty("workloads").EnumerateArray());
        Assert.Equal("db", workload.GetProperty("name").GetString());
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().ToArray();
        Assert.Equal([false, true], changes.Select(change => change.GetProperty("triggersRollout").GetBoolean()));
    }

    [Fact]
    public void Base_revision_previews_the_files_changed_since_then()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("deploy/web.yaml", Web);
        directory.Write("deploy/db.yaml", Db);
        Git(directory.Path, "init", "--quiet");
        Git(directory.Path, "add", ".");
        Git(directory.Path, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "before");
        directory.Write("deploy/web.yaml", Web.Replace("web:latest", "web:2.1.0"));
        directory.Write("deploy/api.yaml", Web.Replace("name: web\n", "name: api\n"));

        var run = CliRunner.Run(directory.Path, "rollout", "--base", "HEAD");

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("Deployment default/api (deploy/api.yaml)\n  change: added", run.Stdout);
        Assert.Contains("Deployment default/web (deploy/web.yaml)\n  change: pod template changed: rollout", run.Stdout);
        Assert.DoesNotContain("StatefulSet", run.Stdout);
    }

    [Fact]
    public void Base_revision_outside_a_git_repository_is_a_usage_error()
    {
        using var directory = new TemporaryDirectory();

        var run = CliRunner.Run(directory.Path, "rollout", "--base", "HEAD");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("manifestlint: --base needs a git repository, and ", run.Stderr);
    }

    [Fact]
    public void Invalid_input_prints_the_reasons_and_no_simulation()
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "rejected.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "Deployment default/rejected (rejected.yaml)\n" +
            "  not simulated: the API server rejects this object\n" +
            "  rejected.yaml:7:50: error[ML2003] maxUnavailable 0% with maxSurge 0: the rollout could never replace a pod\n",
            run.Stdout);
    }

    [Theory]
    [InlineData("--before", "a.yaml")]
    [InlineData("--readiness", "slow")]
    [InlineData("--pod-startup", "-3")]
    public void Bad_options_exit_2(string option, string value)
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "mixed.yaml", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("manifestlint: ", run.Stderr);
    }

    private static WorkloadChange Compare(string before, string after) =>
        Assert.Single(ChangePreview.Compare(Load(before), Load(after)));

    private static IReadOnlyList<Resource> Load(string yaml) => ManifestLoader.Load(new SourceFile("test.yaml", yaml)).Resources;

    private static void Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public TemporaryDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "manifestlint-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Write(string relativePath, string text)
        {
            var full = System.IO.Path.Combine(Path, relativePath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
