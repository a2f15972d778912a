namespace ManifestLint.Engine.Reporting;

/// <summary><c>path:line:col: level[ID] message (Kind namespace/name)</c> per finding, then a summary line.</summary>
public sealed class TextReporter(ReportOptions options) : IReporter
{
    private const string Reset = "\u001b[0m";

    public void Write(LintResult result, TextWriter output)
    {
        foreach (var finding in result.Findings)
        {
            var level = finding.Level.ToText();
            var coloredLevel = options.UseColor ? $"{Color(finding.Level)}{level}{Reset}" : level;
            var resource = finding.Resource is null ? string.Empty : $" ({finding.Resource})";
            output.WriteLine($"{finding.File}:{finding.Start.Line}:{finding.Start.Column}: {coloredLevel}[{finding.Rule.Id}] {finding.Message}{resource}");
        }

        output.WriteLine(Summary(result));
    }

    public static string Summary(LintResult result)
    {
        var errors = result.Count(RuleLevel.Error);
        var warnings = result.Count(RuleLevel.Warning);
        var infos = result.Count(RuleLevel.Info);
        var skipped = result.Skipped.Count == 0 ? string.Empty : $", {Plural(result.Skipped.Count, "input")} skipped";
        return $"{Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(infos, "info")} in {Plural(result.Files, "file")} ({Plural(result.Resources, "resource")}{skipped})";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Color(RuleLevel level) => level switch
    {
        RuleLevel.Error => "\u001b[31m",
        RuleLevel.Warning => "\u001b[33m",
        _ => "\u001b[36m",
    };
}
