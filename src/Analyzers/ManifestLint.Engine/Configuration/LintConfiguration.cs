namespace ManifestLint.Engine.Configuration;

/// <summary>Settings of the rollout evaluator that rules read too.</summary>
/// <param name="Nodes">Nodes a DaemonSet runs on when no <c>--nodes</c> is given.</param>
/// <param name="MaxExtraPods">Extra pods a rollout may need before ML6003 reports it; null leaves ML6003 off.</param>
public sealed record RolloutSettings(int Nodes = 3, int? MaxExtraPods = null)
{
    /// <summary>The opt-in rule that <see cref="MaxExtraPods"/> switches on (at warning level) when it is set.</summary>
    public const string ExtraPodsRuleId = "ML6003";

    /// <summary>The nodes a <c>rollout.nodes</c> list describes, with what each has free; empty when it is a count.</summary>
    public IReadOnlyList<Simulation.NodeDescription> DescribedNodes { get; init; } = [];
}

/// <summary>What a <c>.manifestlint.yaml</c> says; <see cref="Default"/> when there is none.</summary>
public sealed record LintConfiguration
{
    public static LintConfiguration Default { get; } = new();

    /// <summary>Level overrides keyed by rule ID (names are resolved to IDs when the file is read).</summary>
    public IReadOnlyDictionary<string, RuleLevel> RuleLevels { get; init; } = new Dictionary<string, RuleLevel>();

    /// <summary>Globs of paths not to lint, relative to the configuration file's directory.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    public KubernetesVersion KubernetesVersion { get; init; } = KubernetesVersion.Newest;

    public RolloutSettings Rollout { get; init; } = new();

    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>Files or folders of CustomResourceDefinitions whose kinds every run knows (<c>crds:</c>), as full paths.</summary>
    public IReadOnlyList<string> CustomResourceDefinitionFiles { get; init; } = [];

    /// <summary>Folders laid out as the community CRD catalog, <c>{group}/{kind}_{version}.json</c> (<c>--schema-location</c>).</summary>
    public IReadOnlyList<string> SchemaLocations { get; init; } = [];

    /// <summary>The baseline file (<c>baseline:</c>, relative to the configuration file), as a full path; null when none.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>The file this configuration came from, if any.</summary>
    public string? SourcePath { get; init; }

    public RuleLevel LevelOf(RuleDescriptor rule) =>
        RuleLevels.TryGetValue(rule.Id, out var level) ? level
        : rule.Id == RolloutSettings.ExtraPodsRuleId && Rollout.MaxExtraPods is not null ? RuleLevel.Warning
        : rule.Level;
}
