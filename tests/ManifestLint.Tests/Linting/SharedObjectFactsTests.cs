using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using Xunit;

namespace ManifestLint.Tests.Linting;

/// <summary>
/// The rollout gate judges a workload in a context of its own; what the linter's context already worked out about the
/// object (rule findings included) is reused there, and the reverse, without changing any verdict.
/// </summary>
public class SharedObjectFactsTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "nginx:1.27"}]
        """;

    [Fact]
    public void An_api_rejection_rule_runs_once_for_the_linter_and_the_gate()
    {
        var rule = new CountingRule(rejectedByApiServer: true);
        var (context, findings) = ContextFor(Deployment);

        context.Run(rule, RuleLevel.Warning);
        var gateFindings = new List<Finding>();
        context.WithDefaults(context.KubernetesVersion, gateFindings).Run(rule, RuleLevel.Error);

        Assert.Equal(1, rule.Checks);
        Assert.Equal(RuleLevel.Warning, Assert.Single(findings).Level);
        var replayed = Assert.Single(gateFindings);
        Assert.Equal(RuleLevel.Error, replayed.Level);
        Assert.Equal(findings[0] with { Level = RuleLevel.Error }, replayed);
    }

    [Fact]
    public void What_the_gate_found_first_is_reused_by_the_linter()
    {
        var rule = new CountingRule(rejectedByApiServer: true);
        var (context, findings) = ContextFor(Deployment);

        context.WithDefaults(context.KubernetesVersion, []).Run(rule, RuleLevel.Error);
        context.Run(rule, RuleLevel.Warning);

        Assert.Equal(1, rule.Checks);
        Assert.Equal(RuleLevel.Warning, Assert.Single(findings).Level);
    }

    [Theory]
    [InlineData(Reads.OtherFindings)]
    [InlineData(Reads.OtherObjects)]
    public void A_rule_that_reads_its_context_runs_in_each_context(Reads reads)
    {
        var rule = new CountingRule(rejectedByApiServer: true, reads);
        var (context, _) = ContextFor(Deployment);

        context.Run(rule, RuleLevel.Error);
        context.WithDefaults(context.KubernetesVersion, []).Run(rule, RuleLevel.Error);

        Assert.Equal(2, rule.Checks);
    }

    [Fact]
    public void Nothing_is_shared_with_a_gate_for_another_kubernetes_version()
    {
        var rule = new CountingRule(rejectedByApiServer: true);
        var (context, _) = ContextFor(Deployment);

        context.Run(rule, RuleLevel.Error);
        context.WithDefaults(KubernetesVersion.Oldest, []).Run(rule, RuleLevel.Error);

        Assert.Equal(2, rule.Checks);
    }

    [Fact]
    public void Rules_the_api_server_does_not_enforce_and_objects_that_never_roll_out_are_not_recorded()
    {
        var warningRule = new CountingRule(rejectedByApiServer: false);
        var (workload, _) = ContextFor(Deployment);
        workload.Run(warningRule, RuleLevel.Warning);
        workload.WithDefaults(workload.KubernetesVersion, []).Run(warningRule, RuleLevel.Warning);

        var rejectionRule = new CountingRule(rejectedByApiServer: true);
        var (configMap, _) = ContextFor("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n");
        configMap.Run(rejectionRule, RuleLevel.Error);
        configMap.WithDefaults(configMap.KubernetesVersion, []).Run(rejectionRule, RuleLevel.Error);

        Assert.Equal(2, warningRule.Checks);
        Assert.Equal(2, rejectionRule.Checks);
    }

    private static (RuleContext Context, List<Finding> Findings) ContextFor(string yaml)
    {
        var resource = Assert.Single(ManifestLoader.Load(new SourceFile("test.yaml", yaml)).Resources);
        var findings = new List<Finding>();
        return (new RuleContext(resource, LintConfiguration.Default, findings), findings);
    }

    public enum Reads
    {
        Nothing,
        OtherFindings,
        OtherObjects,
    }

    private sealed class CountingRule(bool rejectedByApiServer, Reads reads = Reads.Nothing) : Rule
    {
        public int Checks { get; private set; }

        public override RuleDescriptor Descriptor { get; } = new(
            Id: "ML9999", Name: "counting", Title: "Counts its checks", Category: RuleCategory.Input, Level: RuleLevel.Error,
            RejectedByApiServer: rejectedByApiServer, Since: "0.0.0", Docs: "");

        public override void Check(RuleContext context)
        {
            Checks++;
            if ((reads == Reads.OtherFindings && context.HasFinding("ML1001")) || (reads == Reads.OtherObjects && context.DisruptionInputs.Count > 1))
                return;
            context.Report(context.Resource.KindNode, "kind is here");
        }
    }
}
