namespace ManifestLint.Engine.Rules.UpdateStrategy;

/// <summary>The rules of update strategy (ML1xxx).</summary>
internal static class UpdateStrategyRules
{
    public static IEnumerable<Rule> All =>
    [
        new InvalidStrategyTypeRule(),
        new RollingUpdateWithRecreateRule(),
        new RollingUpdateWithOnDeleteRule(),
        new OnDeleteStrategyRule(),
        new PartitionAtOrAboveReplicasRule(),
        new WrongStrategyFieldRule(),
        new RecreateWithMultipleReplicasRule(),
        new StatefulSetRollingUpdateWithOnDeleteRule(),
    ];
}
