namespace ManifestLint.Engine.Reporting;

/// <summary>
/// <c>path:line:col: level[ID] message (Kind namespace/name)</c> per finding, then a summary line (none when
/// <see cref="ReportOptions.Quiet"/>); with <see cref="ReportOptions.Statistics"/>, a count per rule instead of the findings.
/// </summary>
public sealed class TextReporter(ReportOptions options) : IReporter
{
    private const string Reset = "\u001b[0m";

    public void Write(LintResult result, TextWriter output)
    {
        if (options.Statistics)
        {
            WriteStatistics(result, output);
        }
        else
        {
            foreach (var finding in result.Findings)
            {
                var level = finding.Level.ToText();
                var coloredLevel = options.UseColor ? $"{Color(finding.Level)}{level}{Reset}" : level;
                var resource = finding.Resource is null ? string.Empty : $" ({finding.Resource})";
                output.WriteLine(TerminalText.Clean($"{finding.File}:{finding.Start.Line}:{finding.Start.Column}: ") + coloredLevel
                    + TerminalText.Clean($"[{finding.Rule.Id}] {finding.Message}{resource}"));
            }
        }

        if (!options.Quiet)
            output.WriteLine(TerminalText.Clean(Summary(result)));
    }

    // Like `ruff --statistics`: count, rule ID, name and level, most frequent first.
    private void WriteStatistics(LintResult result, TextWriter output)
    {
        var rows = result.Findings
            .GroupBy(finding => (finding.Rule.Id, finding.Rule.Name, finding.Level))
            .Select(group => (group.Key.Id, group.Key.Name, group.Key.Level, Count: group.Count()))
            .OrderByDescending(row => row.Count).ThenBy(row => row.Id, StringComparer.Ordinal)
            .ToArray();
        var width = rows.Length == 0 ? 1 : rows.Max(row => row.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        foreach (var row in rows)
        {
            var level = row.Level.ToText();
            var coloredLevel = options.UseColor ? $"{Color(row.Level)}{level}{Reset}" : level;
            output.WriteLine($"{row.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width)}  {row.Id}  {coloredLevel}  {row.Name}");
        }
    }

    public static string Summary(LintResult result)
    {
        var errors = result.Count(RuleLevel.Error);
        var warnings = result.Count(RuleLevel.Warning);
        var infos = result.Count(RuleLevel.Info);
        var skipped = result.Skipped.Count == 0 ? string.Empty : $", {Plural(result.Skipped.Count, "input")} skipped";
        var baseline = result.Baseline is not { } outcome ? string.Empty
            : $", {outcome.Baselined} baselined" + (outcome.Stale == 0 ? string.Empty : outcome.Stale == 1 ? ", 1 baseline entry no longer matches" : $", {outcome.Stale} baseline entries no longer match");
        return $"{Plural(errors, "error")}, {Plural(warnings, "warning")}, {Plural(infos, "info")} in {Plural(result.Files, "file")} ({Plural(result.Resources, "resource")}{skipped}{baseline})";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Color(RuleLevel level) => level switch
    {
        RuleLevel.Error => "\u001b[31m",
        RuleLevel.Warning => "\u001b[33m",
        _ => "\u001b[36m",
    };
}
