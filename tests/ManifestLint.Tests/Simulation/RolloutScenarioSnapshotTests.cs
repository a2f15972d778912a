using Snapshooter;
using Snapshooter.Xunit;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Simulation;

/// <summary>The scenario sections of <c>manifestlint rollout</c> (PodDisruptionBudgets) in every format.</summary>
public sealed class RolloutScenarioSnapshotTests
{
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
