using System.Text.RegularExpressions;
using ManifestLint.Cli.Commands;
using ManifestLint.Engine;
using ManifestLint.Engine.Rules.Input;
using ManifestLint.Tests.Rules;

namespace ManifestLint.Tests.Catalog;

/// <summary>The catalog's invariants, over whatever rules exist: IDs, names, docs, doc examples and rules.md.</summary>
public sealed class RuleCatalogTests
{
    private static readonly string[] RequiredSections = ["What it does", "Why is this bad?", "Example"];
    private static readonly string[] OptionalSections = ["Options", "Known problems", "References"];

    // ML9000 reports a bug in ManifestLint itself and ML9004 a bad configuration file: no manifest triggers them.
    private static readonly IReadOnlyCollection<string> RulesWithoutExamples = InputRules.WithoutManifestExample;

    public static TheoryData<string> RuleIds() => new(RuleCatalog.Descriptors.Select(rule => rule.Id));

    public static TheoryData<string> RuleIdsWithExamples() =>
        new(RuleCatalog.Descriptors.Select(rule => rule.Id).Where(id => !RulesWithoutExamples.Contains(id)));

    [Fact]
    public void Rule_ids_are_unique()
    {
        var duplicates = RuleCatalog.Descriptors.GroupBy(rule => rule.Id).Where(group => group.Count() > 1).Select(group => group.Key).ToArray();
        Assert.True(duplicates.Length == 0, "rule IDs used twice: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Rule_names_are_unique()
    {
        var duplicates = RuleCatalog.Descriptors.GroupBy(rule => rule.Name).Where(group => group.Count() > 1).Select(group => group.Key).ToArray();
        Assert.True(duplicates.Length == 0, "rule names used twice: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Removed_rule_ids_and_names_are_never_reused()
    {
        var reused = RulesCommand.RemovedRules
            .Where(removed => RuleCatalog.Find(removed.Id) is not null || RuleCatalog.Find(removed.Name) is not null)
            .Select(removed => removed.Id)
            .ToArray();
        Assert.True(reused.Length == 0, "removed rule IDs or names in use again: " + string.Join(", ", reused));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_id_has_four_digits_and_its_family_digit_matches_the_category(string id)
    {
        var rule = RuleCatalog.Find(id)!;

        Assert.Matches("^ML[1-9][0-9]{3}$", rule.Id);
        Assert.True(rule.Id[2] - '0' == (int)rule.Category,
            $"{rule.Id} is in the ML{rule.Id[2]}xxx family but its category is {rule.Category} (ML{(int)rule.Category}xxx)");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_name_is_kebab_case_naming_the_pattern_not_the_fix(string id)
    {
        var rule = RuleCatalog.Find(id)!;

        Assert.Matches("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", rule.Name);
        Assert.False(rule.Name.StartsWith("no-", StringComparison.Ordinal) || rule.Name.StartsWith("disallow-", StringComparison.Ordinal),
            $"{rule.Id} {rule.Name}: name the pattern flagged, without no-/disallow-");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_title_is_one_line(string id)
    {
        var rule = RuleCatalog.Find(id)!;

        Assert.False(string.IsNullOrWhiteSpace(rule.Title), $"{rule.Id} has no title");
        Assert.DoesNotContain('\n', rule.Title);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_docs_have_the_required_sections_in_order(string id)
    {
        var docs = RuleDocs.Parse(RuleCatalog.Find(id)!.Docs);

        Assert.True(docs.Preamble.All(string.IsNullOrWhiteSpace), $"{id}: the docs must start with '## What it does'");
        var expectedOrder = RequiredSections.Concat(OptionalSections).ToList();
        var positions = docs.Sections.Select(section => expectedOrder.IndexOf(section.Heading)).ToArray();
        var headings = string.Join(", ", docs.Sections.Select(section => $"'## {section.Heading}'"));
        Assert.True(positions.All(position => position >= 0), $"{id}: unknown section among {headings}; allowed: {string.Join(", ", expectedOrder)}");
        Assert.True(positions.SequenceEqual(positions.Order()) && positions.Distinct().Count() == positions.Length,
            $"{id}: sections out of order or repeated: {headings}; expected order: {string.Join(", ", expectedOrder)}");
        foreach (var required in RequiredSections)
            Assert.True(docs.Sections.Any(section => section.Heading == required), $"{id}: missing section '## {required}'");
        var example = docs.Sections.Single(section => section.Heading == "Example");
        Assert.True(example.Lines.Any(line => line.Trim() == RuleDocs.UseInstead), $"{id}: '## Example' has no '{RuleDocs.UseInstead}' line");
    }

    [Theory]
    [MemberData(nameof(RuleIdsWithExamples))]
    public void Every_example_triggers_the_rule_and_the_fix_after_use_instead_does_not(string id)
    {
        var rule = RuleCatalog.Find(id)!;
        var (examples, fixes) = RuleDocs.Parse(rule.Docs).ExampleBlocks();

        Assert.True(examples.Count > 0, $"{id}: no ```yaml block under '## Example' before '{RuleDocs.UseInstead}'");
        Assert.True(fixes.Count > 0, $"{id}: no ```yaml block after '{RuleDocs.UseInstead}'");
        foreach (var example in examples)
        {
            var findings = LintWithRuleEnabled(rule, example);
            Assert.True(findings.Length > 0, $"{id}: this example does not trigger the rule:\n{example}");
        }

        foreach (var fix in fixes)
        {
            var findings = LintWithRuleEnabled(rule, fix);
            Assert.True(findings.Length == 0,
                $"{id}: the block after '{RuleDocs.UseInstead}' triggers the rule:\n{fix}\n" + string.Join("\n", findings.Select(f => $"  {f.Start}: {f.Message}")));
        }
    }

    [Fact]
    public void Rules_md_is_up_to_date()
    {
        var path = Path.Combine(TestSupport.RepositoryRoot, "rules.md");
        var expected = RulesCommand.Markdown(RuleCatalog.Descriptors);
        var actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : null;

        Assert.True(actual == expected,
            $"rules.md is {(actual is null ? "missing" : "stale")}: regenerate it from the repository root with\n  {RulesCommand.RegenerateCommand}");
    }

    [Fact]
    public void Rules_md_headings_produce_the_anchors_that_help_links_use()
    {
        var markdown = RulesCommand.Markdown(RuleCatalog.Descriptors);
        var anchors = Regex.Matches(markdown, "^#+ (?<heading>.+)$", RegexOptions.Multiline)
            .Select(match => RulesCommand.GitHubAnchor(match.Groups["heading"].Value))
            .ToHashSet(StringComparer.Ordinal);

        var missing = RuleCatalog.Descriptors.Where(rule => !anchors.Contains(rule.Anchor)).Select(rule => rule.Anchor).ToArray();
        Assert.True(missing.Length == 0, "rules.md has no heading for the anchors " + string.Join(", ", missing));
        var index = Regex.Matches(markdown, @"\]\(#(?<anchor>[^)]+)\)").Select(match => match.Groups["anchor"].Value).ToArray();
        Assert.Equal(RuleCatalog.Descriptors.Select(rule => rule.Anchor), index);
        Assert.Contains("\n### Removed Rules\n", markdown, StringComparison.Ordinal);
    }

    /// <summary>
    /// Lints a docs block with the rule switched on, under the options of the rule's fixture folder when it has an
    /// options.yaml (a version-dependent rule's example needs the same target version as its fixture).
    /// </summary>
    private static Finding[] LintWithRuleEnabled(RuleDescriptor rule, string yaml)
    {
        // Linted as its fixture is: with the fixture's options.yaml, the rule switched on even when it is opt-in.
        var all = RuleFixtureTests.LintFixture($"{rule.Id}-{rule.Name}", "example.yaml", yaml);
        // An example must be readable YAML unless reading it is what the rule is about.
        var inputProblems = all.Where(finding => finding.Rule.Id is "ML9000" or "ML9001" or "ML9002" && finding.Rule.Id != rule.Id).ToArray();
        Assert.True(inputProblems.Length == 0, $"{rule.Id}: a docs example has input problems:\n{yaml}\n" + string.Join("\n", inputProblems.Select(f => $"  {f.Start}: {f.Rule.Id} {f.Message}")));
        return all.Where(finding => finding.Rule.Id == rule.Id).ToArray();
    }
}
