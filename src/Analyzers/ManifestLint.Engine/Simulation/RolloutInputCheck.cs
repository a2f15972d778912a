using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Decides whether a workload can be simulated: the API server must accept it. It runs every static rule whose
/// metadata says the API server rejects what it flags (<see cref="RuleDescriptor.RejectedByApiServer"/>), so the
/// simulator never disagrees with <c>check</c> about what is valid, and it names the template mistakes that let the
/// object in but keep its new pods from ever starting.
/// </summary>
public static class RolloutInputCheck
{
    // Accepted by the API server, yet no new pod ever runs: the kubelet refuses the image reference
    // (InvalidImageName), or Pod validation refuses every pod the StatefulSet controller creates (§1.4.6).
    private static readonly string[] NeverStartingRuleIds = ["ML4002", "ML4003", "ML8199"];

    // Resolved on first use: the catalog holds the rollout rules, which call back into this class.
    private static readonly Lazy<Rule[]> GatingRules = new(() => RuleCatalog.Rules
        .Where(rule => rule.Descriptor.RejectedByApiServer)
        .ToArray());

    private static readonly Lazy<Rule[]> NeverStartingRules = new(() => RuleCatalog.Rules
        .Where(rule => NeverStartingRuleIds.Contains(rule.Descriptor.Id))
        .ToArray());

    /// <summary>The findings that make the API server reject the workload; empty when it can be simulated.</summary>
    public static IReadOnlyList<Finding> Problems(Workload workload, KubernetesVersion version) => Run(workload, version, GatingRules.Value);

    /// <summary>
    /// As <see cref="Problems(Workload, KubernetesVersion)"/>, plus the problems the loader found inside the workload's
    /// document (a duplicate key) whose rule the API server or kubectl rejects.
    /// </summary>
    public static IReadOnlyList<Finding> Problems(Workload workload, KubernetesVersion version, IEnumerable<LoadProblem> fileProblems)
    {
        var root = workload.Resource.Root;
        var findings = fileProblems
            .Where(problem => problem.Start.Offset >= root.Start.Offset && problem.Start.Offset <= root.End.Offset)
            .Select(problem => (Problem: problem, Rule: RuleCatalog.Find(problem.RuleId)))
            .Where(pair => pair.Rule is { RejectedByApiServer: true })
            .Select(pair => new Finding(pair.Rule!, RuleLevel.Error, pair.Problem.Message, workload.Resource.File.Path, pair.Problem.Start, pair.Problem.End, workload.Resource.Id, null))
            .ToList();
        findings.AddRange(Problems(workload, version));
        return findings;
    }

    /// <summary>
    /// Mistakes the API server accepts but that keep every new pod from running (a malformed image reference, a
    /// StatefulSet template that Pod validation refuses): the rollout is replayed as with <c>--new-pods-fail</c>.
    /// </summary>
    public static IReadOnlyList<Finding> NeverStarting(Workload workload, KubernetesVersion version) => Run(workload, version, NeverStartingRules.Value);

    /// <summary>The options that replay <paramref name="workload"/> as it will really go: its new pods fail when they can never start.</summary>
    public static RolloutOptions ReplayOptions(Workload workload, RolloutOptions options)
    {
        var neverStarting = NeverStarting(workload, options.KubernetesVersion);
        if (neverStarting.Count == 0)
            return options;
        var first = neverStarting[0];
        var more = neverStarting.Count > 1 ? $" (and {neverStarting.Count - 1} more)" : string.Empty;
        return options with
        {
            NewPodsFail = true,
            NewPodsFailCause = $"{first.Rule.Id} {first.Message}{more}",
            NewPodsRejected = workload.Kind == WorkloadKind.StatefulSet && neverStarting.Any(finding => finding.Rule.Id == "ML8199"),
        };
    }

    /// <summary>As <see cref="Problems(Workload, KubernetesVersion)"/> for the workload a rule is looking at, reusing what its context knows.</summary>
    internal static IReadOnlyList<Finding> Problems(RuleContext context, KubernetesVersion version)
    {
        var findings = new List<Finding>();
        Run(context.WithDefaults(version, findings), GatingRules.Value);
        return findings;
    }

    private static List<Finding> Run(Workload workload, KubernetesVersion version, Rule[] rules)
    {
        var findings = new List<Finding>();
        Run(new RuleContext(workload.Resource, LintConfiguration.Default with { KubernetesVersion = version }, findings), rules);
        return findings;
    }

    private static void Run(RuleContext context, Rule[] rules)
    {
        foreach (var rule in rules)
            context.Run(rule, RuleLevel.Error);
    }
}
