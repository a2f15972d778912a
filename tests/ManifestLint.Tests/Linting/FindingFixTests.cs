using ManifestLint.Engine;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Linting;

/// <summary>The change a finding carries where the rule knows the answer, which hosts turn into fixes.</summary>
public sealed class FindingFixTests
{
    private static Finding Lint(string yaml, string ruleId) =>
        Assert.Single(new Linter().LintFile(new SourceFile("app.yaml", yaml)).Findings, finding => finding.Rule.Id == ruleId);

    private static string Deployment(string strategy, string podSpec = "") => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          strategy: {{{strategy}}}
          template:
            metadata: {labels: {app: web}}
            spec:{{{podSpec}}}
              containers:
                - name: web
                  image: registry.example.com/web:1.4.2
                  imagePullPolicy: ifNotPresent
                  readinessProbe: {httpGet: {path: /ready, port: 8080}}
        """;

    [Theory]
    [InlineData("{type: Rollingupdate}", "", "ML1001", "RollingUpdate")]
    [InlineData("{}", "\n      tolerations: [{key: gpu, operator: exists}]", "ML3001", "Exists")]
    [InlineData("{}", "\n      tolerations: [{key: gpu, operator: Exists, effect: noexecute}]", "ML3004", "NoExecute")]
    [InlineData("{}", "", "ML8111", "IfNotPresent")]
    public void A_case_slip_carries_the_value_meant(string strategy, string podSpec, string ruleId, string value)
    {
        var finding = Lint(Deployment(strategy, podSpec), ruleId);

        Assert.Equal(new FindingFix(FixKind.ReplaceValue, value, $"Change to '{value}'"), finding.Fix);
    }

    [Fact]
    public void Both_zero_carries_maxUnavailable_1_as_a_number()
    {
        var finding = Lint(Deployment("{rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}"), "ML2003");

        Assert.Equal(new FindingFix(FixKind.ReplaceValue, "1", "Set maxUnavailable to 1", IsNumber: true), finding.Fix);
        Assert.Equal("spec.strategy.rollingUpdate.maxUnavailable", finding.Path);
    }

    [Fact]
    public void The_master_toleration_carries_a_control_plane_copy()
    {
        var finding = Lint(Deployment("{}", "\n      tolerations: [{key: node-role.kubernetes.io/master, operator: Exists}]"), "ML3007");

        Assert.Equal(new FindingFix(FixKind.AddItemCopy, "node-role.kubernetes.io/control-plane", "Also tolerate node-role.kubernetes.io/control-plane"), finding.Fix);
    }

    [Fact]
    public void A_value_too_far_from_any_allowed_one_carries_no_fix()
    {
        var finding = Lint(Deployment("{type: BlueGreen}"), "ML1001");

        Assert.Null(finding.Fix);
    }
}
