namespace ManifestLint.Engine.Reporting;

/// <summary>
/// GitLab code quality JSON (<c>artifacts:reports:codequality</c>): an array of issues with a description, the rule
/// as <c>check_name</c>, a severity, the repository-relative path and lines, and the fingerprint SARIF uses, which
/// does not change when unrelated lines move, so GitLab's merge-request widget shows only new and fixed issues.
/// </summary>
public sealed class GitLabReporter(ReportOptions options) : IReporter
{
    public void Write(LintResult result, TextWriter output)
    {
        var findings = result.Findings.OrderBy(finding => finding, Finding.Order)
            .Select(finding => finding with { File = options.RepositoryPath(finding.File) })
            .ToArray();
        var fingerprints = SarifReporter.Fingerprints(findings);

        var json = new JsonWriter(output);
        json.StartArray();
        for (var index = 0; index < findings.Length; index++)
        {
            var finding = findings[index];
            var resource = finding.Resource is null ? string.Empty : $" ({finding.Resource})";
            json.StartObject()
                .Property("type", "issue")
                .Property("description", $"{finding.Rule.Id}: {finding.Message}{resource}")
                .Property("check_name", finding.Rule.Id)
                .Property("categories").StartArray().String(finding.Rule.Category == RuleCategory.ApiVersions ? "Compatibility" : "Bug Risk").EndArray()
                .Property("severity", Severity(finding.Level))
                .Property("fingerprint", fingerprints[index])
                .Property("location").StartObject()
                    .Property("path", finding.File)
                    .Property("lines").StartObject()
                        .Property("begin", finding.Start.Line)
                        .Property("end", Math.Max(finding.Start.Line, finding.End.Line))
                    .EndObject()
                .EndObject()
                .EndObject();
        }

        json.EndArray();
        json.EndDocument();
    }

    /// <summary>GitLab's severities are info, minor, major, critical and blocker.</summary>
    public static string Severity(RuleLevel level) => level switch
    {
        RuleLevel.Error => "major",
        RuleLevel.Warning => "minor",
        _ => "info",
    };
}
