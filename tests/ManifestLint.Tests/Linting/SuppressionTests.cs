using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Tests.Linting;

public sealed class SuppressionTests
{
    // Line 5 gets ML5006 (replicas -1) and ML5002 (revisionHistoryLimit 0); line 9 gets ML5003 (no readinessProbe).
    private static string Deployment(string specComment = "", string lineComment = "", string annotations = "") =>
        "apiVersion: apps/v1\n" +
        "kind: Deployment\n" +
        "metadata: {name: web" + annotations + "}\n" +
        "spec:" + specComment + "\n" +
        "  {replicas: -1, revisionHistoryLimit: 0, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [ " + lineComment + "\n" +
        "    {name: web, image: nginx:1.27.2}]}}}\n";

    private static string[] Ids(IEnumerable<Finding> findings) => findings.Select(f => $"{f.Start.Line}:{f.Rule.Id}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Unsuppressed_object_has_the_findings_the_tests_below_suppress()
    {
        Assert.Equal(["5:ML5002", "5:ML5006", "6:ML5003"], Ids(TestSupport.Lint(Deployment())));
    }

    [Fact]
    public void Disable_line_suppresses_the_named_rule_on_its_own_line_only()
    {
        var yaml = Deployment(lineComment: "# manifestlint-disable-line ML5006");
        Assert.Equal(["5:ML5002", "6:ML5003"], Ids(TestSupport.Lint(yaml)));
    }

    [Theory]
    [InlineData("ML5006,ML5002")]
    [InlineData("ML5006, revision-history-limit-zero")]
    [InlineData("negative-value revision-history-limit-zero")]
    [InlineData("ml5006,REVISION-HISTORY-LIMIT-ZERO")]
    public void Disable_next_line_takes_several_rules_by_id_or_name(string rules)
    {
        var yaml = Deployment(specComment: $" # manifestlint-disable-next-line {rules}");
        Assert.Equal(["6:ML5003"], Ids(TestSupport.Lint(yaml)));
    }

    [Fact]
    public void Disable_next_line_on_its_own_line_covers_the_line_below()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              # manifestlint-disable-next-line ML5006 -- scaled by an operator
              replicas: -1
              minReadySeconds: -1
            """;
        Assert.Equal(["7:ML5006"], Ids(TestSupport.Lint(yaml).Where(f => f.Rule.Id == "ML5006")));
    }

    [Fact]
    public void Ignore_annotation_suppresses_rules_by_id_and_name_in_its_object_only()
    {
        var annotated = Deployment(annotations: ", annotations: {manifestlint.io/ignore: \"ML5003,negative-value\"}");
        var other = Deployment().Replace("name: web}", "name: other}");
        var findings = TestSupport.Lint(annotated + "\n---\n" + other);
        Assert.Equal(["13:ML5002", "13:ML5006", "14:ML5003", "5:ML5002"], Ids(findings));
    }

    [Fact]
    public void Unused_comment_suppression_is_reported_at_the_comment()
    {
        var yaml = Deployment(lineComment: "# manifestlint-disable-line ML5006,ML7001");
        var unused = Assert.Single(TestSupport.Lint(yaml), f => f.Rule.Id == "ML9003");
        Assert.Equal(5, unused.Start.Line);
        Assert.Equal(yaml.Split('\n')[4].IndexOf('#') + 1, unused.Start.Column);
        Assert.Equal("suppression of ML7001 (removed-api-version) matches no finding", unused.Message);
        Assert.Equal(RuleLevel.Info, unused.Level);
    }

    [Fact]
    public void Unused_annotation_entry_is_reported_at_the_annotation_value()
    {
        var yaml = Deployment(annotations: ", annotations: {manifestlint.io/ignore: \"ML5003,ML5001\"}");
        var unused = Assert.Single(TestSupport.Lint(yaml), f => f.Rule.Id == "ML9003");
        Assert.Equal(3, unused.Start.Line);
        Assert.Equal(yaml.Split('\n')[2].IndexOf("\"ML5003", StringComparison.Ordinal) + 1, unused.Start.Column);
        Assert.Contains("ML5001", unused.Message, StringComparison.Ordinal);
        Assert.Equal("web", unused.Resource!.Name);
    }

    [Fact]
    public void Unknown_rule_in_a_suppression_is_reported()
    {
        var yaml = Deployment(lineComment: "# manifestlint-disable-line ML5006 negative-valu");
        var unused = Assert.Single(TestSupport.Lint(yaml), f => f.Rule.Id == "ML9003");
        Assert.Equal("suppression names 'negative-valu', which is not a ManifestLint rule ID or name", unused.Message);
    }

    [Fact]
    public void Suppression_of_a_rule_turned_off_is_not_unused()
    {
        var configuration = LintConfiguration.Default with { RuleLevels = new Dictionary<string, RuleLevel> { ["ML7001"] = RuleLevel.Off } };
        var yaml = Deployment(lineComment: "# manifestlint-disable-line ML7001");
        Assert.DoesNotContain(TestSupport.Lint(yaml, configuration), f => f.Rule.Id == "ML9003");
        Assert.Contains(TestSupport.Lint(yaml), f => f.Rule.Id == "ML9003");
    }

    [Fact]
    public void Unused_suppressions_are_silent_when_ML9003_is_off()
    {
        var configuration = LintConfiguration.Default with { RuleLevels = new Dictionary<string, RuleLevel> { ["ML9003"] = RuleLevel.Off } };
        var yaml = Deployment(lineComment: "# manifestlint-disable-line ML7001");
        Assert.DoesNotContain(TestSupport.Lint(yaml, configuration), f => f.Rule.Id == "ML9003");
    }

    [Fact]
    public void Input_problems_can_be_suppressed_by_comment()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: \"1\"\n  k: \"2\" # manifestlint-disable-line duplicate-key\n";
        Assert.Empty(TestSupport.Lint(yaml));
    }

    [Fact]
    public void Comment_text_that_only_mentions_the_directive_is_not_a_suppression()
    {
        var yaml = Deployment(lineComment: "# see manifestlint-disable-line ML5006 in the docs");
        Assert.Equal(["5:ML5002", "5:ML5006", "6:ML5003"], Ids(TestSupport.Lint(yaml)));
    }
}
