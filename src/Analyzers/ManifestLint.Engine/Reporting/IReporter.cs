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
/// The absolute directory SARIF declares as <c>%SRCROOT%</c> (the repository root, see <see cref="Reporting.SourceRoot"/>);
/// result paths are made relative to it. Null leaves <c>%SRCROOT%</c> for the consumer to resolve.
/// </param>
/// <param name="WorkingDirectory">
/// The absolute directory that relative finding paths start from; null when they already start at <paramref name="SourceRoot"/>.
/// </param>
/// <param name="AutomationId">SARIF <c>automationDetails.id</c>, which keeps several uploads of one commit apart.</param>
/// <param name="Quiet">Text output only: findings without the summary line.</param>
/// <param name="Statistics">Text output only: a count per rule instead of the findings.</param>
public sealed record ReportOptions(
    string ToolVersion,
    bool UseColor = false,
    string RulesDocumentUri = ReportOptions.DefaultRulesDocumentUri,
    string? SourceRoot = null,
    string? WorkingDirectory = null,
    string? AutomationId = null,
    bool Quiet = false,
    bool Statistics = false)
{
    public const string ToolName = "manifestlint";

    public const string InformationUri = "https://github.com/manifestlint/manifestlint";

    public const string DefaultRulesDocumentUri = "https://github.com/manifestlint/manifestlint/blob/main/rules.md";

    /// <summary>
    /// A finding's path as CI systems want it: relative to <see cref="SourceRoot"/> (the repository root) when the
    /// file lies below it, else as the finding shows it.
    /// </summary>
    public string RepositoryPath(string findingPath)
    {
        if (SourceRoot is null || WorkingDirectory is null || findingPath == Loading.SourceFile.StandardInputPath)
            return findingPath.Replace('\\', '/');
        var fullPath = Path.GetFullPath(Path.Combine(WorkingDirectory, findingPath));
        return Reporting.SourceRoot.RelativeTo(SourceRoot, fullPath) ?? fullPath.Replace('\\', '/');
    }

    /// <summary>The link to a rule's section in rules.md.</summary>
    public string HelpUri(RuleDescriptor rule) => $"{RulesDocumentUri}#{rule.Anchor}";
}
