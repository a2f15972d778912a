using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Tests.Rules;

/// <summary>What the fixtures cannot show: levels, the StatefulSet split and the messages of the ML81xx rules.</summary>
public sealed class ApiRuleTests
{
    private static string PodTemplateOf(string kind) => $$$"""
        apiVersion: apps/v1
        kind: {{{kind}}}
        metadata: {name: db}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers:
                - name: db
                  image: postgres:16.4
                  volumeMounts: [{name: pgdata, mountPath: /data}]
        """;

    [Fact]
    public void A_statefulset_template_mistake_is_a_warning_that_is_not_an_api_rejection()
    {
        var findings = TestSupport.Lint(PodTemplateOf("StatefulSet")).Where(finding => finding.Rule.Id.StartsWith("ML81", StringComparison.Ordinal)).ToArray();

        var finding = Assert.Single(findings);
        Assert.Equal("ML8199", finding.Rule.Id);
        Assert.Equal(RuleLevel.Warning, finding.Level);
        Assert.False(finding.Rule.RejectedByApiServer);
        Assert.Equal("spec.template.spec.containers[0].volumeMounts[0].name", finding.Path);
        Assert.Contains("'pgdata' names no volume of the pod", finding.Message, StringComparison.Ordinal);
        Assert.Contains("every pod its controller creates is rejected", finding.Message, StringComparison.Ordinal);
        Assert.Contains("ML8125 volume-mount-without-volume", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_mistake_in_a_deployment_is_an_error_of_its_own_rule()
    {
        var findings = TestSupport.Lint(PodTemplateOf("Deployment")).Where(finding => finding.Rule.Id.StartsWith("ML81", StringComparison.Ordinal)).ToArray();

        var finding = Assert.Single(findings);
        Assert.Equal("ML8125", finding.Rule.Id);
        Assert.Equal(RuleLevel.Error, finding.Level);
        Assert.EndsWith("the API server rejects the Deployment", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_switched_off_stays_off_inside_the_statefulset_rule()
    {
        var levels = RuleCatalog.Descriptors.ToDictionary(rule => rule.Id, LintConfiguration.Default.LevelOf);
        levels["ML8125"] = RuleLevel.Off;
        var configuration = LintConfiguration.Default with { RuleLevels = levels };

        Assert.Empty(TestSupport.Lint(PodTemplateOf("StatefulSet"), "ML8199", configuration));
    }

    [Theory]
    [InlineData("imagePullPolicy: ifnotpresent", "did you mean 'IfNotPresent'?")]
    [InlineData("imagePullPolicy: Allways", "did you mean 'Always'?")]
    [InlineData("terminationMessagePolicy: Text", "expected File, FallbackToLogsOnError")]
    public void Unsupported_values_suggest_the_closest_spelling(string field, string expected)
    {
        var yaml = $"apiVersion: v1\nkind: Pod\nmetadata: {{name: web}}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.2\n      {field}\n";

        var finding = Assert.Single(TestSupport.Lint(yaml, "ML8111"));
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.Equal(8, finding.Start.Line);
    }

    [Fact]
    public void Requests_above_limits_name_both_quantities()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  resources: {requests: {memory: 1Gi}, limits: {memory: 1G}}
            """;

        var finding = Assert.Single(TestSupport.Lint(yaml, "ML8128"));
        Assert.Equal("spec.containers[0].resources.requests.memory is 1Gi, above the memory limit of 1G; the API server rejects the Pod", finding.Message);
        Assert.Equal("spec.containers[0].resources.requests.memory", finding.Path);
    }
}
