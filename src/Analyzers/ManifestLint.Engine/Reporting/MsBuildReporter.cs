namespace ManifestLint.Engine.Reporting;

/// <summary>
/// The canonical MSBuild/Visual Studio message form, <c>path(line,col): error ML2003: message</c>, one line per
/// finding and no summary, so every line is a diagnostic. Errors and warnings use the <c>error</c> and
/// <c>warning</c> categories MSBuild parses (an <c>Exec</c> task turns them into build errors and warnings).
/// Infos use <c>info</c>: MSBuild does not recognise it and logs the line as a plain message, which is what an info
/// should be in a build, while VS Code's <c>$msCompile</c> problem matcher shows it as an information diagnostic.
/// </summary>
public sealed class MsBuildReporter : IReporter
{
    public void Write(LintResult result, TextWriter output)
    {
        foreach (var finding in result.Findings.OrderBy(finding => finding, Finding.Order))
        {
            // A message on one line: a newline would end the diagnostic early in every parser.
            var message = TerminalText.Clean(finding.Message.Replace("\r", " ").Replace("\n", " "));
            output.Write($"{TerminalText.Clean(finding.File)}({finding.Start.Line},{finding.Start.Column}): {Category(finding.Level)} {finding.Rule.Id}: {message}\n");
        }
    }

    public static string Category(RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        _ => "info",
    };
}
