using System.Text;

namespace ManifestLint.Engine.Reporting;

/// <summary>
/// GitHub Actions workflow commands, one per finding:
/// <c>::error file=k8s/web.yaml,line=14,col=7,endLine=14,endColumn=21,title=ML2003 name::message</c>. The runner
/// turns them into annotations on the pull request's diff, which needs no code scanning (private repositories).
/// Paths are relative to the repository root, as GitHub expects.
/// </summary>
public sealed class GitHubReporter(ReportOptions options) : IReporter
{
    public void Write(LintResult result, TextWriter output)
    {
        foreach (var finding in result.Findings.OrderBy(finding => finding, Finding.Order))
        {
            var endLine = Math.Max(finding.Start.Line, finding.End.Line);
            var properties = new StringBuilder()
                .Append("file=").Append(EscapeProperty(options.RepositoryPath(finding.File)))
                .Append(",line=").Append(finding.Start.Line)
                .Append(",col=").Append(finding.Start.Column)
                .Append(",endLine=").Append(endLine);
            // GitHub reads endColumn only on a single-line annotation.
            if (endLine == finding.Start.Line && finding.End.Column > finding.Start.Column)
                properties.Append(",endColumn=").Append(finding.End.Column);
            properties.Append(",title=").Append(EscapeProperty($"{finding.Rule.Id} {finding.Rule.Name}"));
            var resource = finding.Resource is null ? string.Empty : $" ({finding.Resource})";
            output.Write($"::{Command(finding.Level)} {properties}::{EscapeData(finding.Message + resource)}\n");
        }
    }

    /// <summary>The workflow command for a level; infos are notices.</summary>
    public static string Command(RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        _ => "notice",
    };

    /// <summary>The message after <c>::</c>: the runner decodes <c>%25</c>, <c>%0D</c> and <c>%0A</c>.</summary>
    public static string EscapeData(string value) =>
        TerminalText.Clean(value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A"));

    /// <summary>A property value: like data, plus <c>:</c> and <c>,</c>, which would end the value.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A").Replace(",", "%2C");
}
