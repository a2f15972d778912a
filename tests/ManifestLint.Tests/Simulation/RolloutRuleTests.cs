using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Tests.Simulation;

public sealed class RolloutRuleTests
{
    [Fact]
    public void Max_extra_pods_setting_switches_ML6003_on_at_warning_level()
    {
        var descriptor = RuleCatalog.Find("ML6003")!;

        Assert.Equal(RuleLevel.Off, LintConfiguration.Default.LevelOf(descriptor));
        Assert.Equal(RuleLevel.Warning, ConfigurationFile.Parse("c.yaml", "rollout: {maxExtraPods: 3}").LevelOf(descriptor));
        Assert.Equal(RuleLevel.Off, ConfigurationFile.Parse("c.yaml", "rules: {ML6003: off}\nrollout: {maxExtraPods: 3}").LevelOf(descriptor));
        Assert.Equal(RuleLevel.Error, ConfigurationFile.Parse("c.yaml", "rollout: {maxExtraPods: 3}\nrules: {rollout-extra-pods-over-budget: error}").LevelOf(descriptor));
    }

    [Fact]
    public void Check_reports_extra_pods_only_beyond_the_configured_budget()
    {
        var yaml = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "tests", "ManifestLint.Tests", "Rules", "ML6003-rollout-extra-pods-over-budget", "bad.yaml"));

        Assert.Empty(TestSupport.Lint(yaml, "ML6003"));
        var findings = TestSupport.Lint(yaml, "ML6003", ConfigurationFile.Parse("c.yaml", "rollout: {maxExtraPods: 5}"));
        Assert.All(findings, finding => Assert.Equal(RuleLevel.Warning, finding.Level));
        // 50 pods at the surge peak, plus the 10 old pods scaled down in the sync before, still stopping.
        Assert.Equal(
        [
            "the rollout runs up to 30 pods for 20 desired, counting old pods until they stop, 10 extra (maxSurge 25% of 20 replicas rounds up to 5, maxUnavailable 0), more than rollout.maxExtraPods 5",
            "the rollout runs up to 60 pods for 40 desired, counting old pods until they stop, 20 extra (maxSurge 25% of 40 replicas rounds up to 10, maxUnavailable 25% of 40 replicas rounds down to 10), more than rollout.maxExtraPods 5",
        ], findings.Select(finding => finding.Message));
    }

    [Fact]
    public void Rollout_rule_messages_show_the_resolved_numbers()
    {
        var yaml = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "tests", "ManifestLint.Tests", "Rules", "ML6002-rollout-availability-drops-to-zero", "bad.yaml"));

        var messages = TestSupport.Lint(yaml, "ML6002").Select(finding => finding.Message).ToArray();

        Assert.Equal(
        [
            "maxSurge 0, maxUnavailable 3: with 3 nodes, availability drops to 0 during the rollout",
            "maxSurge 0, maxUnavailable 10: with 3 nodes, availability drops to 0 during the rollout",
        ], messages);
    }
}
