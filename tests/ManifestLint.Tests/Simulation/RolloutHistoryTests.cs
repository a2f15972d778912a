using System.Text.Json;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;
using ManifestLint.Tests.Cli;
using Snapshooter;
using Snapshooter.Xunit;

namespace ManifestLint.Tests.Simulation;

/// <summary>
/// <c>rollout history</c> and the undo preview (issue 11 part B): revisions as the controllers number them, on git
/// histories of the samples' own manifests.
/// </summary>
public sealed class RolloutHistoryTests
{
    private static readonly string WebDeploy = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "samples", "web-deploy.yaml"));
    private static readonly string Fluentd = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "samples", "fluentd-elasticsearch.yaml"));

    [Fact]
    public void Reapplying_an_earlier_template_reuses_and_renumbers_its_revision()
    {
        var v1 = WebDeploy.Replace("nginx:latest", "nginx:1.27.2");
        var v2 = WebDeploy.Replace("nginx:latest", "nginx:1.27.3");

        var history = Single(v1, v2, v1);

        Assert.Equal([2, 3], history.Revisions.Select(revision => revision.Number));
        Assert.Equal([1], history.Revisions[1].FormerNumbers);
        Assert.Equal(["nginx:1.27.2"], history.Current!.Images);
    }

    [Fact]
    public void A_change_the_api_server_defaults_away_or_outside_the_template_adds_no_revision()
    {
        var v1 = WebDeploy.Replace("nginx:latest", "nginx:1.27.2");
        var defaulted = v1.Replace("image: nginx:1.27.2", "image: nginx:1.27.2\n          imagePullPolicy: IfNotPresent");
        var scaled = defaulted.Replace("replicas: 4", "replicas: 6");

        var history = Single(v1, defaulted, scaled);

        Assert.Equal([1], history.Revisions.Select(revision => revision.Number));
        Assert.Equal("pod template unchanged: stays at revision 1", history.Events[^1].Message);
    }

    [Fact]
    public void Old_revisions_beyond_revisionHistoryLimit_are_deleted_oldest_first()
    {
        var limited = WebDeploy.Replace("replicas: 4", "replicas: 4\n  revisionHistoryLimit: 1");

        var history = Single(limited, limited.Replace("nginx:latest", "nginx:1.27.2"), limited.Replace("nginx:latest", "nginx:1.27.3"));

        Assert.Equal([2, 3], history.Revisions.Select(revision => revision.Number));
        var deleted = Assert.Single(history.Pruned);
        Assert.Equal(1, deleted.Number);
        Assert.Equal("v3", deleted.PrunedAt!.Label);
    }

    [Fact]
    public void A_Deployment_revision_takes_the_latest_change_cause_and_a_DaemonSet_revision_keeps_its_own()
    {
        // Only the object's own name: the pod template's labels may repeat it deeper down.
        static string Cause(string yaml, string name, string cause) =>
            new System.Text.RegularExpressions.Regex($"(?m)^  name: {name}\n").Replace(yaml, $"  name: {name}\n  annotations:\n    kubernetes.io/change-cause: {cause}\n", 1);
        var web = WebDeploy.Replace("nginx:latest", "nginx:1.27.2");
        var ds = Fluentd;

        var deployment = Single(Cause(web, "web-deploy", "first"), Cause(web, "web-deploy", "second"));
        var daemonSet = Single(Cause(ds, "fluentd-elasticsearch", "first"), Cause(ds, "fluentd-elasticsearch", "second"));

        Assert.Equal("second", Assert.Single(deployment.Revisions).ChangeCause);
        Assert.Equal("first", Assert.Single(daemonSet.Revisions).ChangeCause);
    }

    [Fact]
    public void A_version_apply_rejects_or_the_api_server_rejects_changes_nothing()
    {
        var v1 = WebDeploy.Replace("nginx:latest", "nginx:1.27.2");
        var newSelector = v1.Replace("nginx:1.27.2", "nginx:1.27.3").Replace("matchLabels:\n      app: web", "matchLabels:\n      app: web2").Replace("labels:\n        app: web", "labels:\n        app: web2");
        var neverReplaces = v1.Replace("nginx:1.27.2", "nginx:1.27.3").Replace("replicas: 4", "replicas: 4\n  strategy:\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 0}");

        var history = Single(v1, newSelector, neverReplaces);

        Assert.Equal([1], history.Revisions.Select(revision => revision.Number));
        Assert.StartsWith("kubectl apply rejects this version (spec.selector cannot change)", history.Events[1].Message);
        Assert.Equal("the API server rejects this version (ML2003): nothing changes", history.Events[2].Message);
    }

    [Fact]
    public void A_version_kubectl_cannot_read_changes_nothing()
    {
        var v1 = WebDeploy.Replace("nginx:latest", "nginx:1.27.2");
        var cyclic = v1.Replace("image: nginx:1.27.2", "image: nginx:1.27.3\n          args: &a [x, *a]");

        var history = Single(v1, cyclic);

        Assert.Equal([1], history.Revisions.Select(revision => revision.Number));
        Assert.StartsWith("not applied: kubectl refuses the file (ML9001 at line ", history.Events[1].Message);
        Assert.Contains("contains itself", history.Events[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_the_object_deletes_its_history()
    {
        var v1 = WebDeploy.Replace("nginx:latest", "nginx:1.27.2");
        var versions = new[] { v1, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n", v1.Replace("1.27.2", "1.27.3") }.Select(Version).ToList();

        var history = Assert.Single(RolloutHistory.Build(versions, LintConfiguration.Default.KubernetesVersion));

        Assert.Equal([1], history.Revisions.Select(revision => revision.Number));
        Assert.Equal(["nginx:1.27.3"], history.Current!.Images);
        Assert.Equal("removed from the manifest: deleting the object deletes its revisions", history.Events[1].Message);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Deployment_history_and_undo_match_the_snapshot(string format)
    {
        using var repository = WebDeployHistory();

        var run = CliRunner.Run(repository.Path, "rollout", "history", "web-deploy.yaml", "--to-revision", "1", "--format", format);

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void DaemonSet_history_and_undo_match_the_snapshot(string format)
    {
        using var repository = FluentdHistory();

        var run = CliRunner.Run(repository.Path, "rollout", "history", "fluentd-elasticsearch.yaml", "--to-revision", "0", "--format", format, "--nodes", "3");

        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }

    [Fact]
    public void Undo_to_the_latest_tag_warns_that_the_tag_comes_back_not_the_code()
    {
        using var repository = WebDeployHistory();

        var run = CliRunner.Run(repository.Path, "rollout", "history", "web-deploy.yaml", "--to-revision", "1", "--format", "json");

        using var json = JsonDocument.Parse(run.Stdout);
        var undo = Assert.Single(json.RootElement.GetProperty("undo").EnumerateArray());
        Assert.Equal(1, undo.GetProperty("revision").GetInt32());
        Assert.Equal(5, undo.GetProperty("revisionAfterUndo").GetInt32());
        var warnings = undo.GetProperty("warnings").EnumerateArray().Select(warning => warning.GetString()).ToArray();
        Assert.StartsWith("image nginx:latest is a mutable tag: the undo brings back the tag, not the code revision 1 ran", warnings[0]);
        Assert.Equal("the template of revision 1 has image problems: ML4005", warnings[1]);
        Assert.True(undo.GetProperty("replay").GetProperty("changes")[0].GetProperty("triggersRollout").GetBoolean());
    }

    [Fact]
    public void Undo_to_a_deleted_revision_fails_as_kubectl_does()
    {
        using var repository = WebDeployHistory(limit: 1);

        var run = CliRunner.Run(repository.Path, "rollout", "history", "web-deploy.yaml", "--to-revision", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("$ kubectl rollout undo deployment/web-deploy -n default --to-revision=1\nerror: unable to find specified revision 1 in history: revision 1 was deleted at ", run.Stdout);
    }

    [Fact]
    public void Undo_to_a_renumbered_revision_names_its_new_number()
    {
        using var repository = WebDeployHistory();

        var run = CliRunner.Run(repository.Path, "rollout", "history", "web-deploy.yaml", "--to-revision", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("error: unable to find specified revision 2 in history: its template was applied again and is now revision 4\n", run.Stdout);
    }

    [Fact]
    public void Rollout_help_lists_history_and_to_revision()
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "rollout", "history", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("manifestlint rollout history FILE [--base GITREV] [--to-revision N] [options]", run.Stdout);
        Assert.Contains("  --to-revision N ", run.Stdout);
    }

    [Fact]
    public void Undo_with_no_previous_revision_fails_with_kubectls_words()
    {
        using var repository = new GitRepository();
        repository.Commit("fluentd-elasticsearch.yaml", Fluentd, "Add fluentd");

        var run = CliRunner.Run(repository.Path, "rollout", "history", "fluentd-elasticsearch.yaml", "--to-revision", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("$ kubectl rollout undo daemonset/fluentd-elasticsearch -n kube-system\nerror: no last revision to roll back to\n", run.Stdout);
    }

    [Fact]
    public void Undo_to_the_current_revision_is_skipped()
    {
        using var repository = WebDeployHistory();

        var run = CliRunner.Run(repository.Path, "rollout", "history", "web-deploy.yaml", "--to-revision", "4");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("deployment.apps/web-deploy skipped rollback (current template already matches revision 4)", run.Stdout);
    }

    [Fact]
    public void Base_walks_the_history_up_to_that_revision()
    {
        using var repository = WebDeployHistory();

        var run = CliRunner.Run(repository.Path, "rollout", "history", "web-deploy.yaml", "--base", "HEAD~2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  REVISION  CHANGE-CAUSE\n  1         <none>\n  2         <none>\n  3         <none>\n\n", run.Stdout);
    }

    [Theory]
    [InlineData("--output=/tmp/x", "--base '--output=/tmp/x': a revision cannot be empty or start with '-'")]
    [InlineData("nope", "--base nope: no such revision")]
    public void A_bad_base_revision_is_a_usage_error(string revision, string message)
    {
        using var repository = WebDeployHistory();

        var run = CliRunner.Run(repository.Path, "rollout", "history", "web-deploy.yaml", $"--base={revision}");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"manifestlint: {message}\n", run.Stderr);
    }

    [Fact]
    public void Uncommitted_changes_are_the_last_version()
    {
        using var repository = WebDeployHistory();
        repository.Write("web-deploy.yaml", WebDeploy.Replace("nginx:latest", "nginx:1.28.0"));

        var run = CliRunner.Run(repository.Path, "rollout", "history", "web-deploy.yaml");

        Assert.Contains("    working tree (uncommitted changes): new pod template: revision 5", run.Stdout);
    }

    /// <summary>latest → 1.27.2 → 1.27.3 → back to 1.27.2 → 1.27.2 with its default pull policy written out.</summary>
    private static GitRepository WebDeployHistory(int? limit = null)
    {
        var repository = new GitRepository();
        var web = limit is { } value ? WebDeploy.Replace("replicas: 4", $"replicas: 4\n  revisionHistoryLimit: {value}") : WebDeploy;
        repository.Commit("web-deploy.yaml", web, "Add web-deploy");
        repository.Commit("web-deploy.yaml", web.Replace("nginx:latest", "nginx:1.27.2"), "Pin nginx 1.27.2");
        repository.Commit("web-deploy.yaml", web.Replace("nginx:latest", "nginx:1.27.3"), "nginx 1.27.3");
        repository.Commit("web-deploy.yaml", web.Replace("nginx:latest", "nginx:1.27.2"), "Revert \"nginx 1.27.3\"");
        repository.Commit("web-deploy.yaml", web.Replace("image: nginx:latest", "image: nginx:1.27.2\n          imagePullPolicy: IfNotPresent"), "Write the pull policy out");
        return repository;
    }

    /// <summary>The DaemonSet tutorial's update: v2.5.2 → v2.6.0 (with a change-cause) → back to v2.5.2.</summary>
    private static GitRepository FluentdHistory()
    {
        var repository = new GitRepository();
        repository.Commit("fluentd-elasticsearch.yaml", Fluentd, "Add fluentd");
        var updated = Fluentd.Replace("fluentd:v2.5.2", "fluentd:v2.6.0")
            .Replace("  namespace: kube-system\n", "  namespace: kube-system\n  annotations:\n    kubernetes.io/change-cause: update fluentd to v2.6.0\n");
        repository.Commit("fluentd-elasticsearch.yaml", updated, "Update fluentd");
        repository.Commit("fluentd-elasticsearch.yaml", Fluentd, "Roll fluentd back");
        return repository;
    }

    private static WorkloadHistory Single(params string[] yaml) =>
        Assert.Single(RolloutHistory.Build(yaml.Select(Version).ToList(), LintConfiguration.Default.KubernetesVersion));

    private static ManifestVersion Version(string yaml, int index) =>
        ManifestVersion.From($"v{index + 1}", null, null, $"version {index + 1}", ManifestLoader.Load(new SourceFile($"v{index + 1}.yaml", yaml)));
}
