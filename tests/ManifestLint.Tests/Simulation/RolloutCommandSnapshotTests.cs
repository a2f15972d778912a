using Snapshooter;
using Snapshooter.Xunit;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Simulation;

public sealed class RolloutCommandSnapshotTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Rollout_output_matches_the_snapshot(string format)
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "mixed.yaml", "--format", format, "--pod-startup", "5");

        Assert.Equal(0, run.ExitCode);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }

    [Fact]
    public void Failing_new_pods_output_matches_the_snapshot()
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "mixed.yaml", "--new-pods-fail", "--readiness", "instant");

        Assert.Equal(1, run.ExitCode);
        Snapshot.Match(run.Snapshot());
    }

    [Fact]
    public void Change_preview_output_matches_the_snapshot()
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "rollout", "--before", "samples/change/before/web-deploy.yaml", "--after", "samples/change/after/web-deploy.yaml", "--format", "markdown");

        Assert.Equal(0, run.ExitCode);
        Snapshot.Match(run.Snapshot());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Scaling_and_node_set_changes_match_the_snapshot(string format)
    {
        var run = CliRunner.Run(RolloutInputs.Directory, "rollout", "--before", "change/before.yaml", "--after", "change/after.yaml",
            "--control-plane-nodes", "1", "--termination-seconds", "10", "--pod-startup", "5", "--format", format);

        Assert.Equal(0, run.ExitCode);
        Snapshot.Match(run.Snapshot(), SnapshotNameExtension.Create(format));
    }
}
