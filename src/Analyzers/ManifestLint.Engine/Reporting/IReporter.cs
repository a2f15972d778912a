namespace ManifestLint.Engine.Reporting;

/// <summary>Writes the findings of a run in one output format.</summary>
public interface IReporter
{
    void Write(LintResult result, TextWriter output);
}

/// <summary>What every reporter may need besides the findings.</summary>
/// <param name="ToolVersion">The version shown in JSON and SARIF output.</param>
/// <param name="UseColor">Text output only: colour the level (on a terminal, when NO_COLOR is unset).</param>
/// <param name="RulesDocumentUri">Where rules.md lives; SARIF helpUri links to its anchors.</param>
/// <param name="SourceRoot">
/// The absolute directory that relative finding paths start from (the working directory); SARIF declares it as
/// <c>%SRCROOT%</c>. Null leaves <c>%SRCROOT%</c> for the consumer to resolve.
/// </param>
public sealed record ReportOptions(
    string ToolVersion,
    bool UseColor = false,
    string RulesDocumentUri = ReportOptions.DefaultRulesDocumentUri,
    string? SourceRoot = null)
{
    public const string ToolName = "manifestlint";

    public const string InformationUri = "https://github.com/manifestlint/manifestlint";

    public const string DefaultRulesDocumentUri = "https://github.com/manifestlint/manifestlint/blob/main/rules.md";

    /// <summary>The link to a rule's section in rules.md.</summary>
    public string HelpUri(RuleDescriptor rule) => $"{RulesDocumentUri}#{rule.Anchor}";
}
