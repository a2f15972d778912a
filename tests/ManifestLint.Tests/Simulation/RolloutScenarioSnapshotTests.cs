using Snapshooter;
using Snapshooter.Xunit;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Simulation;

/// <summary>The scenario sections of <c>manifestlint rollout</c> (node capacity, PodDisruptionBudgets) in every format.</summary>
public sealed class RolloutScenarioSnapshotTests
{
    // The DaemonSet task's stuck rollout: the update adds requests, node-2 has no room for them (samples/nodes).
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Stuck_DaemonSet_on_the_sample_nodes_matches_the_snapshot(string format)
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "rollout", "--config", "samples/nodes/.manifestlint.yaml",
            "--before", "samples/change/before/fluentd-elasticsearch.yaml", "--after", "samples/fluentd-elasticsearch.yaml", "--format", format);

        Assert.Equal(1, run.ExitCode);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Deployment_without_room_for_its_surge_matches_the_snapshot(string format)
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "scenarios/surge.yaml", "--format", format,
            "--node-free", "cpu=2,memory=200Mi", "--node", "big:cpu=4,memory=100Mi", "--nodes", "3");

        Assert.Equal(1, run.ExitCode);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }

    // The Deployment walkthrough's switched-off node, one step into the rollout, and a DaemonSet that loses one.
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Node_loss_during_the_sample_rollouts_matches_the_snapshot(string format)
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "rollout", "samples/web-deploy.yaml", "samples/fluentd-elasticsearch.yaml",
            "--lose-node", "1", "--at-step", "2", "--pod-startup", "5", "--format", format);

        Assert.Equal(0, run.ExitCode);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }

    [Fact]
    public void Rollout_help_matches_the_snapshot()
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--node-free cpu=Q,memory=Q[,pods=N]", run.Stdout);
        Assert.Contains("--lose-node K [--at-step S]", run.Stdout);
        Snapshot.Match(run.Snapshot());
    }

    [Fact]
    public void At_step_without_lose_node_is_a_usage_error()
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "scenarios/surge.yaml", "--at-step", "2");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--at-step goes with --lose-node", run.Stderr);
    }

    [Theory]
    [InlineData("--node-free", "cpu=1,memroy=1Gi", "--node-free: unknown resource 'memroy' (did you mean 'memory'?)")]
    [InlineData("--node", "big", "--node big: expected NAME:cpu=…,memory=…[,pods=…]")]
    public void Bad_node_options_are_usage_errors(string option, string value, string message)
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "scenarios/surge.yaml", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Budget_during_the_sample_rollout_matches_the_snapshot(string format)
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "rollout", "samples/web-deploy.yaml", "samples/web-pdb.yaml", "--format", format);

        Assert.Equal(0, run.ExitCode);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void StatefulSet_and_DaemonSet_budgets_match_the_snapshot(string format)
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "scenarios/budgets.yaml", "--format", format, "--nodes", "2");

        Assert.Equal(0, run.ExitCode);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }
}
