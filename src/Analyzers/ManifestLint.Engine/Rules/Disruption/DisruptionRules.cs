namespace ManifestLint.Engine.Rules.Disruption;

/// <summary>
/// The PodDisruptionBudget rules (ML61xx, in the rollout evaluator's family): budgets compared with the workloads
/// among the inputs, as the disruption controller and the eviction API see them.
/// </summary>
internal static class DisruptionRules
{
    private const int NamesShown = 5;

    public static IEnumerable<Rule> All => [new DisruptionBudgetBlocksEvictionsRule(), new DisruptionBudgetSelectsNoWorkloadRule(), new OverlappingDisruptionBudgetsRule()];

    /// <summary>
    /// The objects a message lists, the first five and a count of the rest: a budget over thousands of workloads
    /// must not make a message of thousands of names.
    /// </summary>
    public static string Names<T>(IReadOnlyList<T> objects, string separator) =>
        objects.Count <= NamesShown
            ? string.Join(separator, objects)
            : $"{string.Join(separator, objects.Take(NamesShown))} and {objects.Count - NamesShown} more";
}
