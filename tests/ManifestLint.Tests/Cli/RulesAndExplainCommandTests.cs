using System.Text.Json;
using ManifestLint.Cli;
using ManifestLint.Cli.Commands;
using ManifestLint.Engine;

namespace ManifestLint.Tests.Cli;

public sealed class RulesAndExplainCommandTests
{
    [Fact]
    public void Rules_lists_every_rule_with_level_rejection_flag_and_title()
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "rules");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(RuleCatalog.Descriptors.Count + 1, lines.Length);
        Assert.Matches(@"^ID\s+NAME\s+LEVEL\s+REJECTED\s+TITLE$", lines[0]);
        foreach (var (rule, line) in RuleCatalog.Descriptors.Zip(lines.Skip(1)))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal([rule.Id, rule.Name, rule.Level.ToText(), rule.RejectedByApiServer ? "yes" : "no"], columns.Take(4));
            Assert.EndsWith("  " + rule.Title, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rules_as_json_holds_every_descriptor_field()
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "rules", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var rules = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToArray();
        Assert.Equal(RuleCatalog.Descriptors.Select(rule => rule.Id), rules.Select(rule => rule.GetProperty("id").GetString()));
        var duplicateKey = rules.Single(rule => rule.GetProperty("id").GetString() == "ML9002");
        Assert.Equal("duplicate-key", duplicateKey.GetProperty("name").GetString());
        Assert.Equal("error", duplicateKey.GetProperty("level").GetString());
        Assert.True(duplicateKey.GetProperty("rejectedByApiServer").GetBoolean());
        Assert.Equal(Engine.Rules.Input.InputRules.DuplicateKey.Docs, duplicateKey.GetProperty("docs").GetString());
        Assert.EndsWith("rules.md#ml9002-duplicate-key", duplicateKey.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_markdown_with_output_writes_the_rules_document()
    {
        var directory = Directory.CreateTempSubdirectory("manifestlint-rules-").FullName;
        try
        {
            var run = CliRunner.Run(directory, "rules", "--format", "markdown", "--output", "rules.md");

            Assert.Equal(ExitCodes.Success, run.ExitCode);
            Assert.Equal(string.Empty, run.Stdout);
            Assert.Equal(RulesCommand.Markdown(RuleCatalog.Descriptors), File.ReadAllText(Path.Combine(directory, "rules.md")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("ML9002")]
    [InlineData("ml9002")]
    [InlineData("duplicate-key")]
    public void Explain_prints_the_rule_docs_by_id_or_name(string query)
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "explain", query);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var rule = Engine.Rules.Input.InputRules.DuplicateKey;
        Assert.StartsWith($"ML9002 duplicate-key: {rule.Title}\nLevel: error · Rejected by the API server: yes · Since: {rule.Since}\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("rules.md#ml9002-duplicate-key\n", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith(rule.Docs.Trim() + "\n", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duplicate-keys", "manifestlint: unknown rule 'duplicate-keys'; did you mean ML9002 (duplicate-key)?")]
    [InlineData("yaml-syntax", "manifestlint: unknown rule 'yaml-syntax'; did you mean ML9001 (yaml-syntax-error)?")]
    [InlineData("zzzzzzzzzzzzzzzz", "manifestlint: unknown rule 'zzzzzzzzzzzzzzzz'; run 'manifestlint rules' to list every rule")]
    public void Explain_of_an_unknown_rule_exits_2_and_suggests_close_names(string query, string message)
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "explain", query);

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Equal(message + "\n", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }
}
