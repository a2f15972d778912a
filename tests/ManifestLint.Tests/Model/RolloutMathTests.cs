using ManifestLint.Engine;
using ManifestLint.Engine.Model;

namespace ManifestLint.Tests.Model;

public sealed class RolloutMathTests
{
    /// <summary>Every row of k8s-semantics §2.2; -1 stands for "error" and for "—".</summary>
    [Theory]
    [InlineData(4, "25%", "25%", 1, 1, 1, 3)]
    [InlineData(10, "25%", "25%", 3, 2, 2, 8)]
    [InlineData(3, "25%", "25%", 1, 0, 0, 3)]
    [InlineData(1, "25%", "25%", 1, 0, 0, 1)]
    [InlineData(10, "39%", "39%", 4, 3, 3, 7)]
    [InlineData(2, "0%", "1%", 0, 1, 1, 1)]
    [InlineData(1, "0", "25%", 0, 1, 1, 0)]
    [InlineData(0, "0%", "0%", 0, 1, 0, 0)]
    [InlineData(5, "0", "10", 0, 10, 5, 0)]
    [InlineData(10, "nil", "39%", 0, 3, 3, 7)]
    [InlineData(10, "oops", "39%", -1, -1, 0, -1)]
    public void Resolves_deployment_fenceposts(long replicas, string maxSurge, string maxUnavailable, long surge, long unavailable, long controllerMaxUnavailable, long minAvailable)
    {
        var fenceposts = RolloutMath.ResolveDeployment(ModelYaml.Value(maxSurge), ModelYaml.Value(maxUnavailable), replicas);

        Assert.Equal(controllerMaxUnavailable, fenceposts.MaxUnavailable);
        if (surge < 0)
        {
            Assert.False(fenceposts.IsValid);
            Assert.Contains("maxSurge \"oops\"", fenceposts.Error, StringComparison.Ordinal);
            return;
        }

        Assert.True(fenceposts.IsValid);
        Assert.Equal(surge, fenceposts.Surge);
        Assert.Equal(unavailable, fenceposts.Unavailable);
        Assert.Equal(minAvailable, fenceposts.MinAvailable);
        Assert.Equal(replicas + surge, fenceposts.MaxTotal);
    }

    [Theory]
    [InlineData(2, "0%", "1%", true)]
    [InlineData(1, "0", "25%", true)]
    [InlineData(0, "0%", "0%", true)]
    [InlineData(3, "25%", "25%", false)]
    [InlineData(5, "0", "10", false)]
    public void Marks_the_forced_unavailable_pod(long replicas, string maxSurge, string maxUnavailable, bool forced)
    {
        Assert.Equal(forced, RolloutMath.ResolveDeployment(ModelYaml.Value(maxSurge), ModelYaml.Value(maxUnavailable), replicas).UnavailableForced);
    }

    /// <summary>Every row of k8s-semantics §2.3.</summary>
    [Theory]
    [InlineData(0, "0", "0", 0, 0, false)]
    [InlineData(2, "0", "1", 0, 1, false)]
    [InlineData(2, "0", "0", 0, 1, true)]
    [InlineData(2, "0", "50%", 0, 1, false)]
    [InlineData(3, "0", "50%", 0, 2, false)]
    [InlineData(2, "50%", "0", 1, 0, false)]
    [InlineData(2, "100%", "0", 2, 0, false)]
    [InlineData(10, "0", "25%", 0, 3, false)]
    [InlineData(7, "30%", "0", 3, 0, false)]
    [InlineData(3, "0", "5", 0, 5, false)]
    public void Resolves_daemonset_budget(long nodes, string maxSurge, string maxUnavailable, long surge, long unavailable, bool forced)
    {
        var budget = RolloutMath.ResolveDaemonSet(ModelYaml.Value(maxSurge), ModelYaml.Value(maxUnavailable), nodes);

        Assert.True(budget.IsValid);
        Assert.Equal(surge, budget.Surge);
        Assert.Equal(unavailable, budget.Unavailable);
        Assert.Equal(forced, budget.UnavailableForced);
    }

    [Fact]
    public void An_invalid_daemonset_value_is_an_error()
    {
        var budget = RolloutMath.ResolveDaemonSet(ModelYaml.Value("1"), ModelYaml.Value("\"1\""), 3);

        Assert.False(budget.IsValid);
        Assert.Contains("maxUnavailable \"1\"", budget.Error, StringComparison.Ordinal);
    }

    /// <summary>Every row of k8s-semantics §2.4.</summary>
    [Theory]
    [InlineData(3, "nil", 1)]
    [InlineData(3, "10%", 1)]
    [InlineData(10, "25%", 2)]
    [InlineData(10, "3", 3)]
    public void Resolves_statefulset_max_unavailable(long replicas, string maxUnavailable, long effective)
    {
        Assert.Equal(effective, RolloutMath.ResolveStatefulSetMaxUnavailable(ModelYaml.Value(maxUnavailable), replicas));
    }

    [Theory]
    [InlineData("1.33", false)]
    [InlineData("1.34", false)]
    [InlineData("1.35.0", true)]
    [InlineData("1.35.3", true)]
    [InlineData("1.35.4", false)]
    [InlineData("1.35.9", false)]
    [InlineData("1.35", false)]
    [InlineData("1.36.0", false)]
    [InlineData("1.36", false)]
    [InlineData("1.37.0", true)]
    [InlineData("1.37", true)]
    public void Knows_when_the_statefulset_max_unavailable_gate_is_on(string version, bool enabled)
    {
        Assert.True(KubernetesVersion.TryParse(version, out var parsed));
        Assert.Equal(enabled, RolloutMath.MaxUnavailableStatefulSetEnabled(parsed));
    }
}
