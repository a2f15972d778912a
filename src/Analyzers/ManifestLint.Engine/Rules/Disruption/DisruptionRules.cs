namespace ManifestLint.Engine.Rules.Disruption;

/// <summary>
/// The PodDisruptionBudget rules (ML61xx, in the rollout evaluator's family): budgets compared with the workloads
/// among the inputs, as the disruption controller and the eviction API see them.
/// </summary>
internal static class DisruptionRules
{
    public static IEnumerable<Rule> All => [new DisruptionBudgetBlocksEvictionsRule(), new DisruptionBudgetSelectsNoWorkloadRule(), new OverlappingDisruptionBudgetsRule()];
}
