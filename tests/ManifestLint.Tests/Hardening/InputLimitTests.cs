using System.Text;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Hardening;

/// <summary>Each input limit: reached by a minimal input, reported as ML9005 naming the limit, the rest still checked.</summary>
public sealed class InputLimitTests
{
    private const string NextDocument = "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\ndata: {a: [1}\n";

    private static LintConfiguration WithLimits(InputLimits limits) => LintConfiguration.Default with { Limits = limits };

    [Fact]
    public void Deep_flow_nesting_never_reaches_the_parser_and_the_next_document_is_checked()
    {
        // 100,000 '[' took YamlDotNet's scanner more than 20 s.
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + new string('[', 100_000) + NextDocument;
        var findings = TestSupport.Lint(yaml);
        var limit = Assert.Single(findings, finding => finding.Rule.Id == "ML9005");
        Assert.Equal(4, limit.Start.Line);
        Assert.Contains("nesting deeper than 1000 levels", limit.Message);
        Assert.Contains("maxNestingDepth", limit.Message);
        Assert.Contains("--max-nesting-depth", limit.Message);
        // The document after it is read: its own syntax error is found.
        Assert.Contains(findings, finding => finding.Rule.Id == "ML9001" && finding.Start.Line == 9);
    }

    [Fact]
    public void Deep_block_sequence_on_one_line_is_caught_too()
    {
        var yaml = "a:\n  " + string.Concat(Enumerable.Repeat("- ", 50)) + "x\n";
        var findings = TestSupport.Lint(yaml, WithLimits(new InputLimits(MaxNestingDepth: 20)));
        Assert.Contains(findings, finding => finding.Rule.Id == "ML9005");
    }

    [Fact]
    public void Billion_laughs_is_stopped_at_the_alias_that_passes_the_limit()
    {
        var levels = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: laughs}\ndata:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < 9; level++)
            levels.Append($"  l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
        var limit = Assert.Single(TestSupport.Lint(levels.ToString()), finding => finding.Rule.Id == "ML9005");
        Assert.Equal(9, limit.Start.Line);
        Assert.Contains("more than 100000 nodes", limit.Message);
        Assert.Contains("maxAliasNodes", limit.Message);
    }

    [Fact]
    public void Documents_past_the_limit_are_reported_once_and_not_read()
    {
        var yaml = string.Concat(Enumerable.Range(0, 5).Select(i => $"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n"));
        var result = new Linter(WithLimits(new InputLimits(MaxDocuments: 3))).LintFile(new SourceFile("many.yaml", yaml));
        Assert.Equal(3, result.Resources);
        var limit = Assert.Single(result.Findings);
        Assert.Equal(("ML9005", 13), (limit.Rule.Id, limit.Start.Line));
        Assert.Contains("more than 3 documents", limit.Message);
    }

    [Fact]
    public void Oversized_file_is_not_read()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("big.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\n" + new string('#', 200));
        var file = SourceReader.Read("big.yaml", path, new InputLimits(MaxFileBytes: 100));
        Assert.Equal(string.Empty, file.Text);
        Assert.Contains("over the 100-byte limit", file.ReadProblem!.Message);

        var run = CliRunner.Run(directory.Path, "check", "big.yaml", "--max-file-size", "100");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("big.yaml:1:1: error[ML9005]", run.Stdout);
        Assert.Contains("--max-file-size", run.Stdout);
        Assert.Equal(0, CliRunner.Run(directory.Path, "check", "big.yaml").ExitCode);
    }

    [Fact]
    public void Limits_are_read_from_the_configuration_and_options_override_them()
    {
        using var directory = new TempDirectory();
        directory.Write(".manifestlint.yaml", "limits:\n  maxNestingDepth: 3\n");
        directory.Write("deep.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: d}\nspec: {a: [[[x]]]}\n");
        Assert.Contains("ML9005", CliRunner.Run(directory.Path, "check", "deep.yaml").Stdout);
        Assert.Equal(0, CliRunner.Run(directory.Path, "check", "deep.yaml", "--max-nesting-depth", "50").ExitCode);

        var bad = CliRunner.Run(directory.Path, "check", "deep.yaml", "--max-documents", "many");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--max-documents must be a positive integer, not 'many'", bad.Stderr);
    }

    [Theory]
    [InlineData("limits: {maxDepth: 3}", "unknown key 'limits.maxDepth'")]
    [InlineData("limits: {maxDocuments: 0}", "'limits.maxDocuments' must be a positive integer")]
    [InlineData("limits: [1]", "'limits' must be a mapping")]
    public void Invalid_limits_configuration_is_reported_at_the_key(string text, string message)
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationFile.Parse(".manifestlint.yaml", text));
        Assert.Contains(message, exception.Message);
    }
}
