using ManifestLint.Engine.Rules.Api;
using ManifestLint.Engine.Rules.ApiVersions;
using ManifestLint.Engine.Rules.Disruption;
using ManifestLint.Engine.Rules.Images;
using ManifestLint.Engine.Rules.Input;
using ManifestLint.Engine.Rules.Readiness;
using ManifestLint.Engine.Rules.Rollout;
using ManifestLint.Engine.Rules.Schema;
using ManifestLint.Engine.Rules.SurgeUnavailable;
using ManifestLint.Engine.Rules.Tolerations;
using ManifestLint.Engine.Rules.UpdateStrategy;

namespace ManifestLint.Engine;

/// <summary>Every rule ManifestLint knows, in ID order; every user-facing surface reads from here.</summary>
public static class RuleCatalog
{
    /// <summary>The rules that check objects.</summary>
    public static IReadOnlyList<Rule> Rules { get; } = SortedById(
        UpdateStrategyRules.All,
        SurgeUnavailableRules.All,
        TolerationRules.All,
        ImageRules.All,
        ReadinessRules.All,
        RolloutRules.All,
        DisruptionRules.All,
        ApiVersionRules.All,
        SchemaRules.All,
        ApiRules.All);

    /// <summary>Every rule's descriptor, the input problems (ML9xxx) included.</summary>
    public static IReadOnlyList<RuleDescriptor> Descriptors { get; } = AllDescriptors();

    private static readonly Dictionary<string, RuleDescriptor> ByIdOrName = BuildIndex();

    /// <summary>Finds a rule by ID (<c>ML4005</c>, any case) or name (<c>latest-tag</c>).</summary>
    public static RuleDescriptor? Find(string idOrName) =>
        ByIdOrName.TryGetValue(idOrName.Trim(), out var descriptor) ? descriptor : null;

    // Plain loops and List.Sort rather than LINQ: this runs at the start of every check, and LINQ's OrderBy
    // costs several milliseconds of JIT and type loading there.
    private static Rule[] SortedById(params IEnumerable<Rule>[] families)
    {
        var rules = new List<Rule>();
        foreach (var family in families)
            rules.AddRange(family);
        rules.Sort((a, b) => string.CompareOrdinal(a.Descriptor.Id, b.Descriptor.Id));
        return rules.ToArray();
    }

    private static RuleDescriptor[] AllDescriptors()
    {
        var descriptors = new List<RuleDescriptor>();
        foreach (var rule in Rules)
            descriptors.Add(rule.Descriptor);
        descriptors.AddRange(InputRules.All);
        descriptors.AddRange(SchemaRules.LoadProblems);
        descriptors.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return descriptors.ToArray();
    }

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
