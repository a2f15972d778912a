namespace ManifestLint.Engine.Rules.SurgeUnavailable;

/// <summary>The rules of surge and unavailable arithmetic (ML2xxx).</summary>
internal static class SurgeUnavailableRules
{
    public static IEnumerable<Rule> All =>
    [
        new InvalidIntOrPercentRule(),
        new MaxUnavailableOver100PercentRule(),
        new SurgeAndUnavailableBothZeroRule(),
        new DaemonSetSurgeAndUnavailableBothSetRule(),
        new PercentageRoundsToZeroRule(),
        new MaxUnavailableAllReplicasRule(),
        new SingleReplicaWithoutSurgeRule(),
        new DaemonSetSurgeWithHostPortRule(),
        new StatefulSetMaxUnavailableWithoutFeatureGateRule(),
        new DaemonSetMaxSurgeOver100PercentRule(),
    ];
}
