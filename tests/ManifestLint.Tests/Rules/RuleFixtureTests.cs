using System.Text;
using System.Text.RegularExpressions;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Rules;

/// <summary>
/// Runs every fixture folder <c>Rules/MLnnnn-rule-name/</c>: each line of <c>bad.yaml</c> that ends with
/// <c># expect: MLnnnn</c> must get exactly that finding, and <c>good.yaml</c> must get none of the rule's findings.
/// An optional <c>options.yaml</c> is a <c>.manifestlint.yaml</c> for both files.
/// </summary>
public sealed class RuleFixtureTests
{
    private static readonly Regex ExpectPattern = new(@"#\s*expect:\s*(?<ids>ML\d{4}(?:\s*,\s*ML\d{4})*)", RegexOptions.CultureInvariant);

    public static string FixtureRoot => Path.Combine(TestSupport.RepositoryRoot, "tests", "ManifestLint.Tests", "Rules");

    public static TheoryData<string> FixtureFolders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(FixtureRoot, "ML*").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            data.Add(folder!);
        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFolders))]
    public void Bad_fixture_reports_exactly_the_expected_lines(string folder)
    {
        var ruleId = folder.Substring(0, 6);
        var path = Path.Combine(FixtureRoot, folder, "bad.yaml");
        var text = File.ReadAllText(path);
        var expected = ExpectedFindings(text, ruleId);
        Assert.NotEmpty(expected);

        var actual = LintFixture(folder, "bad.yaml", text)
            .Where(finding => finding.Rule.Id == ruleId)
            .Select(finding => finding.Start.Line)
            .Order()
            .ToArray();

        Assert.True(expected.SequenceEqual(actual), Describe(text, ruleId, expected, actual));
    }

    [Theory]
    [MemberData(nameof(FixtureFolders))]
    public void Good_fixture_reports_nothing_for_its_rule(string folder)
    {
        var ruleId = folder.Substring(0, 6);
        var path = Path.Combine(FixtureRoot, folder, "good.yaml");
        Assert.True(File.Exists(path), $"{folder} has no good.yaml");
        var text = File.ReadAllText(path);
        var findings = LintFixture(folder, "good.yaml", text).Where(finding => finding.Rule.Id == ruleId).ToArray();
        Assert.True(findings.Length == 0, Describe(text, ruleId, [], findings.Select(finding => finding.Start.Line).ToArray())
            + string.Join("\n", findings.Select(finding => $"  line {finding.Start.Line}: {finding.Message}")));
    }

    [Fact]
    public void Every_rule_has_a_fixture_folder()
    {
        var folders = Directory.GetDirectories(FixtureRoot, "ML*").Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var missing = RuleCatalog.Descriptors
            .Where(rule => !ManifestLint.Engine.Rules.Input.InputRules.WithoutManifestExample.Contains(rule.Id))
            .Select(rule => $"{rule.Id}-{rule.Name}")
            .Where(name => !folders.Contains(name))
            .ToArray();
        Assert.True(missing.Length == 0, "rules without a fixture folder under tests/ManifestLint.Tests/Rules: " + string.Join(", ", missing));
        var unknown = folders.Where(folder => RuleCatalog.Find(folder!.Substring(0, 6)) is not { } rule || $"{rule.Id}-{rule.Name}" != folder).ToArray();
        Assert.True(unknown.Length == 0, "fixture folders that name no rule: " + string.Join(", ", unknown));
    }

    /// <summary>Lints a fixture with its options, every rule switched on so opt-in rules are tested too.</summary>
    internal static IReadOnlyList<Finding> LintFixture(string folder, string fileName, string text)
    {
        var optionsPath = Path.Combine(FixtureRoot, folder, "options.yaml");
        var configuration = File.Exists(optionsPath) ? ConfigurationFile.Load(optionsPath) : LintConfiguration.Default;
        var levels = RuleCatalog.Descriptors.ToDictionary(rule => rule.Id, configuration.LevelOf);
        var ruleId = folder.Substring(0, 6);
        if (levels[ruleId] == RuleLevel.Off)
            levels[ruleId] = RuleLevel.Info;
        configuration = configuration with { RuleLevels = levels };
        return new Linter(configuration).LintFile(new SourceFile($"{folder}/{fileName}", text)).Findings;
    }

    private static int[] ExpectedFindings(string text, string ruleId)
    {
        var lines = text.Split('\n');
        var expected = new List<int>();
        for (var index = 0; index < lines.Length; index++)
        {
            foreach (Match match in ExpectPattern.Matches(lines[index]))
            {
                foreach (var id in match.Groups["ids"].Value.Split(','))
                {
                    if (id.Trim() == ruleId)
                        expected.Add(index + 1);
                }
            }
        }

        return expected.Order().ToArray();
    }

    private static string Describe(string text, string ruleId, IReadOnlyCollection<int> expected, IReadOnlyCollection<int> actual)
    {
        var builder = new StringBuilder($"{ruleId}: expected lines [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]\n");
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = index + 1;
            var marker = (expected.Contains(line), actual.Contains(line)) switch
            {
                (true, true) => "ok ",
                (true, false) => "-- ",
                (false, true) => "++ ",
                _ => "   ",
            };
            builder.Append(marker).Append(line.ToString().PadLeft(4)).Append(" | ").AppendLine(lines[index].TrimEnd('\r'));
        }

        return builder.Append("(-- expected but missing, ++ reported but not expected)").ToString();
    }
}
