namespace ManifestLint.Engine.Rules.Rollout;

/// <summary>The rules of the rollout evaluator (ML6xxx).</summary>
internal static class RolloutRules
{
    public static IEnumerable<Rule> All => [new RolloutNeverCompletesRule(), new RolloutAvailabilityDropsToZeroRule(), new RolloutExtraPodsOverBudgetRule()];
}
