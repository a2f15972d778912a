using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Tests.Rules;

/// <summary>What the fixtures cannot show: version-dependent verdicts and the numbers in messages.</summary>
public sealed class ReadinessRuleTests
{
    private const string LegacyDeployment = """
        apiVersion: extensions/v1beta1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx:1.27.2}]}
        """;

    private static LintConfiguration Targeting(int minor) => LintConfiguration.Default with { KubernetesVersion = new KubernetesVersion(1, minor) };

    [Theory]
    [InlineData("extensions/v1beta1", "Deployment", 15, false)]
    [InlineData("extensions/v1beta1", "Deployment", 16, true)]
    [InlineData("apps/v1beta2", "StatefulSet", 16, true)]
    [InlineData("networking.k8s.io/v1beta1", "Ingress", 21, false)]
    [InlineData("networking.k8s.io/v1beta1", "Ingress", 22, true)]
    [InlineData("batch/v1beta1", "CronJob", 24, false)]
    [InlineData("batch/v1beta1", "CronJob", 25, true)]
    [InlineData("autoscaling/v2beta2", "HorizontalPodAutoscaler", 25, false)]
    [InlineData("autoscaling/v2beta2", "HorizontalPodAutoscaler", 26, true)]
    [InlineData("policy/v1beta1", "PodSecurityPolicy", 24, false)]
    [InlineData("policy/v1beta1", "PodSecurityPolicy", 25, true)]
    public void Removed_api_version_depends_on_the_target_version(string apiVersion, string kind, int minor, bool reported)
    {
        var yaml = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: x}}\n";
        var findings = TestSupport.Lint(yaml, "ML7001", Targeting(minor));
        Assert.Equal(reported ? 1 : 0, findings.Count);
    }

    [Fact]
    public void Removed_api_version_points_at_the_apiVersion_value_and_names_the_replacement()
    {
        var finding = Assert.Single(TestSupport.Lint(LegacyDeployment, "ML7001"));
        Assert.Equal((1, 13, 1, 31), (finding.Start.Line, finding.Start.Column, finding.End.Line, finding.End.Column));
        Assert.Equal("apiVersion", finding.Path);
        Assert.Equal("Deployment extensions/v1beta1 is not served since Kubernetes 1.16; use apps/v1 (which also requires spec.selector)", finding.Message);
    }

    [Fact]
    public void Pod_security_policy_of_extensions_has_a_replacement_only_before_1_25()
    {
        const string yaml = "apiVersion: extensions/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: psp}\n";
        Assert.Contains("use policy/v1beta1", Assert.Single(TestSupport.Lint(yaml, "ML7001", Targeting(20))).Message, StringComparison.Ordinal);
        Assert.Contains("has no replacement", Assert.Single(TestSupport.Lint(yaml, "ML7001", Targeting(25))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_deployment_without_selector_is_not_a_missing_selector()
    {
        Assert.Empty(TestSupport.Lint(LegacyDeployment, "ML5005"));
        const string current = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template: {metadata: {labels: {app: web}}}\n";
        Assert.Single(TestSupport.Lint(current, "ML5005"));
    }

    [Fact]
    public void Progress_deadline_message_shows_the_defaulted_deadline()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  minReadySeconds: 900\n";
        var finding = Assert.Single(TestSupport.Lint(yaml, "ML5001"));
        Assert.Equal("minReadySeconds 900 is not less than progressDeadlineSeconds, which defaults to 600", finding.Message);
        Assert.Equal("spec.minReadySeconds", finding.Path);
        Assert.Equal(RuleLevel.Error, finding.Level);
    }

    [Fact]
    public void Selector_mismatch_names_the_requirement_and_the_template_label()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: api}}}
            """;
        var finding = Assert.Single(TestSupport.Lint(yaml, "ML5004"));
        Assert.Equal("selector matchLabels app=web does not match the pod template: the template label is app=api", finding.Message);
        Assert.Equal("spec.selector.matchLabels.app", finding.Path);
    }

    [Fact]
    public void Statefulset_negative_history_is_a_warning_not_a_rejection()
    {
        const string yaml = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  revisionHistoryLimit: -1\n";
        var findings = TestSupport.Lint(yaml).Where(finding => finding.Rule.Id is "ML5006" or "ML5007").ToArray();
        var finding = Assert.Single(findings);
        Assert.Equal("ML5007", finding.Rule.Id);
        Assert.Equal(RuleLevel.Warning, finding.Level);
        Assert.False(finding.Rule.RejectedByApiServer);
    }

    [Fact]
    public void Readiness_probe_is_only_expected_from_rolling_workloads()
    {
        const string template = "  selector: {matchLabels: {app: a}}\n  template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a, image: nginx:1.27.2}]}}\n";
        var rolling = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n" + template;
        var onDelete = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  updateStrategy: {type: OnDelete}\n" + template;
        Assert.Single(TestSupport.Lint(rolling, "ML5003"));
        Assert.Empty(TestSupport.Lint(onDelete, "ML5003"));
    }
}
