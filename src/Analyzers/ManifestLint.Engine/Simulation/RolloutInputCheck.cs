using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Decides whether a workload can be simulated: the API server must accept its rollout settings. It runs the static
/// rules that say so (strategy, surge/unavailable, readiness and selectors, rejected by the API server), so the
/// simulator never disagrees with <c>check</c> about what is valid.
/// </summary>
public static class RolloutInputCheck
{
    private static readonly RuleCategory[] GatingCategories =
        [RuleCategory.UpdateStrategy, RuleCategory.SurgeUnavailable, RuleCategory.ReadinessHistorySelectors];

    // Resolved on first use: the catalog holds the rollout rules, which call back into this class.
    private static readonly Lazy<Rule[]> GatingRules = new(() => RuleCatalog.Rules
        .Where(rule => rule.Descriptor.RejectedByApiServer && GatingCategories.Contains(rule.Descriptor.Category))
        .ToArray());

    /// <summary>The findings that make the API server reject the workload; empty when it can be simulated.</summary>
    public static IReadOnlyList<Finding> Problems(Workload workload, KubernetesVersion version)
    {
        var findings = new List<Finding>();
        var context = new RuleContext(workload.Resource, LintConfiguration.Default with { KubernetesVersion = version }, findings);
        foreach (var rule in GatingRules.Value)
            context.Run(rule, RuleLevel.Error);
        return findings;
    }
}
