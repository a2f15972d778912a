using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Tests.Rules;

/// <summary>Exact messages and de-duplication of the update-strategy and surge/unavailable rules.</summary>
public sealed class StrategyRuleTests
{
    [Fact]
    public void Rounding_message_shows_the_resolved_numbers()
    {
        var findings = TestSupport.Lint(Deployment("replicas: 3", "{maxSurge: 0, maxUnavailable: 25%}"), "ML2005");

        var finding = Assert.Single(findings);
        Assert.Equal("maxUnavailable 25% of 3 replicas rounds down to 0; with maxSurge 0 the controller forces 1 unavailable pod", finding.Message);
        Assert.Equal("spec.strategy.rollingUpdate.maxUnavailable", finding.Path);
    }

    [Fact]
    public void A_defaulted_max_unavailable_is_named_as_a_default()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              updateStrategy:
                rollingUpdate:
                  maxSurge: 1
              template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: agent, image: busybox:1.36}]}}
            """;

        var finding = Assert.Single(TestSupport.Lint(yaml, "ML2004"));
        Assert.Equal("maxSurge 1 needs maxUnavailable 0, but maxUnavailable defaults to 1 when omitted", finding.Message);
        Assert.Equal((8, 17), (finding.Start.Line, finding.Start.Column));
        Assert.Equal(RuleLevel.Error, finding.Level);
        Assert.True(finding.Rule.RejectedByApiServer);
    }

    [Theory]
    [InlineData("{maxSurge: \"1\", maxUnavailable: 0}")]
    [InlineData("{maxSurge: 0, maxUnavailable: \"0\"}")]
    [InlineData("{maxSurge: 0, maxUnavailable: 1.5}")]
    [InlineData("{maxSurge: 0, maxUnavailable: \"10 %\"}")]
    public void An_invalid_value_is_reported_once(string rollingUpdate)
    {
        var findings = TestSupport.Lint(Deployment("replicas: 1", rollingUpdate))
            .Where(finding => finding.Rule.Category is RuleCategory.SurgeUnavailable or RuleCategory.UpdateStrategy)
            .ToArray();

        var finding = Assert.Single(findings);
        Assert.Equal("ML2001", finding.Rule.Id);
    }

    [Fact]
    public void One_replica_without_surge_is_reported_once()
    {
        var findings = TestSupport.Lint(Deployment("replicas: 1", "{maxSurge: 0, maxUnavailable: 100%}"))
            .Where(finding => finding.Rule.Category == RuleCategory.SurgeUnavailable)
            .Select(finding => finding.Rule.Id)
            .ToArray();

        Assert.Equal(["ML2007"], findings);
    }

    [Theory]
    [InlineData("1.34", "ML2009")]
    [InlineData("1.35.0", "ML2003")]
    [InlineData("1.35.3", "ML2003")]
    [InlineData("1.35.4", "ML2009")]
    [InlineData("1.35", "ML2009")]
    [InlineData("1.36", "ML2009")]
    [InlineData("1.36.2", "ML2009")]
    [InlineData("1.37", "ML2003")]
    [InlineData("1.37.0", "ML2003")]
    public void Statefulset_max_unavailable_zero_depends_on_the_version(string version, string expected)
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              serviceName: db
              replicas: 3
              selector: {matchLabels: {app: db}}
              updateStrategy: {rollingUpdate: {maxUnavailable: 0}}
              template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres:16.4}]}}
            """;
        Assert.True(KubernetesVersion.TryParse(version, out var parsed));

        var findings = TestSupport.Lint(yaml, LintConfiguration.Default with { KubernetesVersion = parsed })
            .Where(finding => finding.Rule.Category == RuleCategory.SurgeUnavailable)
            .ToArray();

        var finding = Assert.Single(findings);
        Assert.Equal(expected, finding.Rule.Id);
        if (expected == "ML2009")
            Assert.Contains($"Kubernetes {version}", finding.Message, StringComparison.Ordinal);
    }

    private static string Deployment(string replicas, string rollingUpdate) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          {{{replicas}}}
          selector: {matchLabels: {app: web}}
          strategy:
            rollingUpdate: {{{rollingUpdate}}}
          template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx:1.27.2}]}}
        """;
}
