using ManifestLint.Engine.Rules.ApiVersions;
using ManifestLint.Engine.Rules.Images;
using ManifestLint.Engine.Rules.Input;
using ManifestLint.Engine.Rules.Readiness;
using ManifestLint.Engine.Rules.Rollout;
using ManifestLint.Engine.Rules.SurgeUnavailable;
using ManifestLint.Engine.Rules.Tolerations;
using ManifestLint.Engine.Rules.UpdateStrategy;

namespace ManifestLint.Engine;

/// <summary>Every rule ManifestLint knows, in ID order; every user-facing surface reads from here.</summary>
public static class RuleCatalog
{
    /// <summary>The rules that check objects.</summary>
    public static IReadOnlyList<Rule> Rules { get; } =
        UpdateStrategyRules.All
            .Concat(SurgeUnavailableRules.All)
            .Concat(TolerationRules.All)
            .Concat(ImageRules.All)
            .Concat(ReadinessRules.All)
            .Concat(RolloutRules.All)
            .Concat(ApiVersionRules.All)
            .OrderBy(rule => rule.Descriptor.Id, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every rule's descriptor, the input problems (ML9xxx) included.</summary>
    public static IReadOnlyList<RuleDescriptor> Descriptors { get; } =
        Rules.Select(rule => rule.Descriptor)
            .Concat(InputRules.All)
            .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToArray();

    private static readonly Dictionary<string, RuleDescriptor> ByIdOrName = BuildIndex();

    /// <summary>Finds a rule by ID (<c>ML4005</c>, any case) or name (<c>latest-tag</c>).</summary>
    public static RuleDescriptor? Find(string idOrName) =>
        ByIdOrName.TryGetValue(idOrName.Trim(), out var descriptor) ? descriptor : null;

    private static Dictionary<string, RuleDescriptor> BuildIndex()
    {
        var index = new Dictionary<string, RuleDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in Descriptors)
        {
            index[descriptor.Id] = descriptor;
            index[descriptor.Name] = descriptor;
        }

        return index;
    }
}
