using System.Text.RegularExpressions;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Rules.Pods;

/// <summary>The Example manifest of every toleration and image rule triggers it; its Use instead manifest does not.</summary>
public sealed class PodRuleDocsTests
{
    private static readonly Regex YamlBlock = new("```yaml\n(?<body>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static IEnumerable<string> PodRuleIds() =>
        RuleCatalog.Rules
            .Where(rule => rule.Descriptor.Category is RuleCategory.Tolerations or RuleCategory.Images)
            .Select(rule => rule.Descriptor.Id);

    public static TheoryData<string> PodRules() => new(PodRuleIds());

    [Fact]
    public void Toleration_and_image_families_are_complete()
    {
        var ids = PodRuleIds().ToArray();

        Assert.Equal(
            ["ML3001", "ML3002", "ML3003", "ML3004", "ML3005", "ML3006", "ML3007", "ML3008", "ML3009", "ML3010",
             "ML4001", "ML4002", "ML4003", "ML4004", "ML4005", "ML4006", "ML4007"],
            ids);
    }

    [Theory]
    [MemberData(nameof(PodRules))]
    public void Example_triggers_the_rule_and_use_instead_does_not(string id)
    {
        var descriptor = RuleCatalog.Find(id)!;
        var docs = descriptor.Docs.Replace("\r\n", "\n");
        var sections = new[] { "## What it does", "## Why is this bad?", "## Example", "Use instead:" };
        var positions = sections.Select(section => docs.IndexOf(section, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, position => Assert.True(position >= 0, $"{id} docs miss a section: {docs}"));
        Assert.True(positions.SequenceEqual(positions.Order()), $"{id} docs sections are out of order");

        var example = YamlBlock.Match(docs, positions[2]);
        var useInstead = YamlBlock.Match(docs, positions[3]);
        Assert.True(example.Success && example.Index < positions[3], $"{id} Example has no yaml block");
        Assert.True(useInstead.Success, $"{id} Use instead has no yaml block");

        var exampleFindings = Lint(id, example.Groups["body"].Value);
        var fixedFindings = Lint(id, useInstead.Groups["body"].Value);

        Assert.Contains(exampleFindings, finding => finding.Rule.Id == id);
        Assert.DoesNotContain(fixedFindings, finding => finding.Rule.Id == id);
        Assert.DoesNotContain(exampleFindings.Concat(fixedFindings), finding => finding.Rule.Id is "ML9000" or "ML9001" or "ML9002");
    }

    private static IReadOnlyList<Finding> Lint(string id, string yaml)
    {
        var levels = RuleCatalog.Descriptors.ToDictionary(rule => rule.Id, rule => rule.Level);
        if (levels[id] == RuleLevel.Off)
            levels[id] = RuleLevel.Info;
        var configuration = LintConfiguration.Default with { RuleLevels = levels };
        return new Linter(configuration).LintFile(new SourceFile("docs.yaml", yaml)).Findings;
    }
}
