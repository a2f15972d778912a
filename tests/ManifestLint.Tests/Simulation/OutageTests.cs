using ManifestLint.Engine.Simulation;
using static ManifestLint.Tests.Simulation.SimulationSupport;

namespace ManifestLint.Tests.Simulation;

/// <summary>Issue 11 A9: an outage that never ends is reported as open, one that ends is not.</summary>
public sealed class OutageTests
{
    [Fact]
    public void A_recreate_outage_with_failing_new_pods_is_open()
    {
        var result = Simulate(Deployment(2, strategyType: "Recreate"), new RolloutOptions { NewPodsFail = true });

        var outage = Assert.IsType<OutageWindow>(result.Summary.Outage);
        Assert.Equal(RolloutOutcome.Stalls, result.Summary.Outcome);
        Assert.True(outage.Open);
        Assert.Equal((1L, 2L), (outage.FromSync, outage.ToSync));
    }

    [Fact]
    public void A_recreate_outage_with_healthy_new_pods_ends()
    {
        var result = Simulate(Deployment(2, strategyType: "Recreate"));

        var outage = Assert.IsType<OutageWindow>(result.Summary.Outage);
        Assert.True(result.Summary.Completes);
        Assert.False(outage.Open);
    }
}
