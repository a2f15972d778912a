using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Tests.Model;

public sealed class UpdateStrategyTests
{
    [Theory]
    [InlineData("StatefulSet", "", true)]
    [InlineData("StatefulSet", "updateStrategy: {}", true)]
    [InlineData("StatefulSet", "updateStrategy: {type: RollingUpdate}", false)]
    [InlineData("StatefulSet", "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 1}}", true)]
    [InlineData("StatefulSet", "updateStrategy: {type: OnDelete}", false)]
    [InlineData("DaemonSet", "updateStrategy: {type: RollingUpdate}", true)]
    [InlineData("Deployment", "", true)]
    [InlineData("Deployment", "strategy: {type: Recreate}", false)]
    public void Knows_whether_defaulting_leaves_a_rolling_update_block(string kind, string strategy, bool expected)
    {
        Assert.Equal(expected, Load(kind, strategy).Strategy.HasRollingUpdateBlock);
    }

    [Theory]
    [InlineData("strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}", "rollingUpdate")]
    [InlineData("strategy: {type: RollingUpdate}", "RollingUpdate")]
    [InlineData("strategy: {}", "strategy")]
    [InlineData("replicas: 2", "spec")]
    public void Points_a_defaulted_value_at_the_nearest_written_node(string strategy, string expectedText)
    {
        var workload = Load("Deployment", strategy);

        Assert.True(workload.Strategy.MaxUnavailable!.IsDefault);
        var node = Assert.IsType<ManifestScalar>(workload.Strategy.NodeOf(workload.Strategy.MaxUnavailable));
        Assert.Equal(expectedText, node.Value);
    }

    [Fact]
    public void Applies_the_daemonset_defaults()
    {
        var strategy = Load("DaemonSet", "updateStrategy: {rollingUpdate: {maxSurge: 1}}").Strategy;

        Assert.Equal(("1", false), (strategy.MaxSurge!.Display, strategy.MaxSurge.IsDefault));
        Assert.Equal(("1", true), (strategy.MaxUnavailable!.Display, strategy.MaxUnavailable.IsDefault));
    }

    private static Workload Load(string kind, string strategy)
    {
        var yaml = $"apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: w}}\nspec:\n  {strategy}\n  selector: {{matchLabels: {{app: w}}}}\n";
        var resource = Assert.Single(ManifestLoader.Load(new SourceFile("w.yaml", yaml)).Resources);
        return Workload.From(resource)!;
    }
}
