using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Schema;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Engine;

/// <summary>What a rule sees of one object, and where it reports.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> findings;
    private readonly ObjectFacts facts;
    private RuleDescriptor? currentRule;
    private RuleLevel currentLevel;
    // Set when the running rule looked at other rules' findings or at the run's other objects: what it found is then
    // this context's own, not the object's.
    private bool currentRuleReadContext;
    private DisruptionInputs disruptionInputs = new();

    internal RuleContext(Resource resource, LintConfiguration configuration, List<Finding> findings, CustomResourceCatalog? customResources = null)
        : this(resource, configuration, findings, customResources ?? CustomResourceCatalog.Empty, new ObjectFacts())
    {
    }

    private RuleContext(Resource resource, LintConfiguration configuration, List<Finding> findings, CustomResourceCatalog customResources, ObjectFacts facts)
    {
        Resource = resource;
        Configuration = configuration;
        this.findings = findings;
        CustomResources = customResources;
        this.facts = facts;
    }

    /// <summary>The custom resource definitions known to this run.</summary>
    internal CustomResourceCatalog CustomResources { get; }

    /// <summary>Set when the object is a custom resource whose definition this run had not seen (yet).</summary>
    internal bool MissedCustomResource
    {
        get => facts.MissedCustomResource;
        set => facts.MissedCustomResource = value;
    }

    /// <summary>The workloads and PodDisruptionBudgets of the whole run; reading them sets <see cref="ReadDisruptionInputs"/>.</summary>
    internal DisruptionInputs DisruptionInputs
    {
        get
        {
            ReadDisruptionInputs = true;
            currentRuleReadContext = true;
            return disruptionInputs;
        }

        init => disruptionInputs = value;
    }

    /// <summary>Set when a rule compared this object with the run's other inputs: the file is checked again if more arrive.</summary>
    internal bool ReadDisruptionInputs { get; private set; }

    /// <summary>The replay the rollout rules share (<see cref="RolloutSimulator.Shared"/>), with the options it was made with.</summary>
    internal (RolloutOptions Options, RolloutResult? Result)? SharedRollout
    {
        get => facts.SharedRollout;
        set => facts.SharedRollout = value;
    }

    /// <summary>What the schema check (ML80xx) found in this object, computed once for all its rules.</summary>
    internal IReadOnlyList<SchemaProblem> SchemaProblems => facts.SchemaProblems ??= ObjectSchemaCheck.Run(this);

    public Resource Resource { get; }

    public LintConfiguration Configuration { get; }

    public KubernetesVersion KubernetesVersion => Configuration.KubernetesVersion;

    /// <summary>The object as a defaulted Deployment, DaemonSet or StatefulSet; null for other kinds.</summary>
    public Workload? Workload
    {
        get
        {
            if (!facts.WorkloadResolved)
            {
                facts.Workload = Workload.From(Resource);
                facts.WorkloadResolved = true;
            }

            return facts.Workload;
        }
    }

    /// <summary>The pod spec of any pod-making object; null for other kinds.</summary>
    public PodSpecView? PodSpec
    {
        get
        {
            if (!facts.PodSpecResolved)
            {
                facts.PodSpec = PodSpecView.From(Resource);
                facts.PodSpecResolved = true;
            }

            return facts.PodSpec;
        }
    }

    /// <summary>
    /// A context over the same object with every rule at its default, as the rollout gate judges it
    /// (<see cref="RolloutInputCheck"/>). What this context already knows of the object is shared: the gate runs
    /// inside <c>check</c> for every workload, and working the object out twice took a sixth of a large run.
    /// </summary>
    internal RuleContext WithDefaults(KubernetesVersion version, List<Finding> gateFindings) =>
        new(Resource, LintConfiguration.Default with { KubernetesVersion = version }, gateFindings, CustomResources, version == KubernetesVersion ? facts : facts.VersionFree());

    public IReadOnlyList<ContainerView> Containers() => PodSpec?.Containers() ?? [];

    public IReadOnlyList<TolerationView> Tolerations() => PodSpec?.Tolerations() ?? [];

    /// <summary>Reports the running rule at <paramref name="node"/>; the message names the object's field and what is wrong.</summary>
    public void Report(ManifestNode node, string message) => Report(node, message, fix: null);

    /// <summary>Reports the running rule at <paramref name="node"/> with the change that resolves it, when the rule knows one.</summary>
    public void Report(ManifestNode node, string message, FindingFix? fix)
    {
        var rule = currentRule ?? throw new InvalidOperationException("Report called outside a rule's Check");
        findings.Add(new Finding(rule, currentLevel, message, Resource.File.Path, node.Start, node.End, Resource.Id, node.PathFrom(Resource.Root)) { Fix = fix });
    }

    /// <summary>
    /// True when a rule with a lower ID (rules run in ID order) already reported this object, so a broad rule can
    /// stay quiet where a precise one has spoken: one mistake, one finding.
    /// </summary>
    public bool HasFinding(string ruleId)
    {
        currentRuleReadContext = true;
        // A loop, not Any with a lambda: the lambda captures ruleId, a closure and a delegate on every call.
        foreach (var finding in findings)
        {
            if (finding.Rule.Id == ruleId)
                return true;
        }

        return false;
    }

    /// <summary>True when another rule already reported a finding that starts at <paramref name="node"/>: one mistake, one finding.</summary>
    public bool HasFindingAt(ManifestNode node)
    {
        currentRuleReadContext = true;
        foreach (var finding in findings)
        {
            if (finding.Start.Offset == node.Start.Offset && finding.Rule.Id != currentRule?.Id)
                return true;
        }

        return false;
    }

    internal void Run(Rule rule, RuleLevel level)
    {
        var gating = rule.Descriptor.RejectedByApiServer;
        if (gating && facts.TryReplay(rule, level, findings))
            return;
        currentRule = rule.Descriptor;
        currentLevel = level;
        currentRuleReadContext = false;
        var first = findings.Count;
        rule.Check(this);
        currentRule = null;
        // What a rule finds without looking at other rules' findings or the run's other objects is the same in every
        // context over this object. Only workloads meet the rollout gate, the other context that runs these rules.
        if (gating && !currentRuleReadContext && Workload is not null)
            facts.Record(rule, findings, first);
    }

    /// <summary>What is worked out once per object, whichever context asks first.</summary>
    private sealed class ObjectFacts
    {
        // For workloads, the rules the rollout gate runs that one context has run, and what they found: the gate and
        // the linter's own pass then run each of those rules once between them. Lists, not a dictionary: most rules
        // find nothing, and a dictionary per workload cost more memory than the rules it saved.
        private List<Rule>? recordedRules;
        private List<Finding>? recordedFindings;

        public Workload? Workload { get; set; }

        public bool WorkloadResolved { get; set; }

        public PodSpecView? PodSpec { get; set; }

        public bool PodSpecResolved { get; set; }

        /// <summary>Depends on the Kubernetes version: shared only between contexts of the same one.</summary>
        public IReadOnlyList<SchemaProblem>? SchemaProblems { get; set; }

        public bool MissedCustomResource { get; set; }

        public (RolloutOptions Options, RolloutResult? Result)? SharedRollout { get; set; }

        public ObjectFacts VersionFree() => new()
        {
            Workload = Workload,
            WorkloadResolved = WorkloadResolved,
            PodSpec = PodSpec,
            PodSpecResolved = PodSpecResolved,
        };

        public void Record(Rule rule, List<Finding> findings, int first)
        {
            (recordedRules ??= new(64)).Add(rule);
            for (var index = first; index < findings.Count; index++)
                (recordedFindings ??= []).Add(findings[index]);
        }

        /// <summary>Adds what <paramref name="rule"/> found when another context ran it, at <paramref name="level"/>; false when none did.</summary>
        public bool TryReplay(Rule rule, RuleLevel level, List<Finding> findings)
        {
            if (recordedRules is null || !IsRecorded(rule))
                return false;
            foreach (var finding in recordedFindings ?? [])
            {
                if (ReferenceEquals(finding.Rule, rule.Descriptor))
                    findings.Add(finding.Level == level ? finding : finding with { Level = level });
            }

            return true;
        }

        // By reference and without a comparer: this runs for every rule on every workload.
        private bool IsRecorded(Rule rule)
        {
            for (var index = 0; index < recordedRules!.Count; index++)
            {
                if (ReferenceEquals(recordedRules[index], rule))
                    return true;
            }

            return false;
        }
    }
}
