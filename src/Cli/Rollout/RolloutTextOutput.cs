using System.Globalization;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>The terminal report: per workload a step table, a summary and the kubectl rollout status lines.</summary>
internal static class RolloutTextOutput
{
    public static void Write(RolloutReport report, TextWriter output)
    {
        foreach (var problem in report.InputProblems)
            output.WriteLine(problem);
        if (report.InputProblems.Count > 0)
            output.WriteLine();

        var first = true;
        foreach (var entry in report.Entries)
        {
            if (!first)
                output.WriteLine();
            first = false;
            WriteEntry(entry, output);
        }

        if (report.Entries.Count == 0)
            output.WriteLine(report.IsChangePreview ? "no Deployment, DaemonSet or StatefulSet changed" : "no Deployment, DaemonSet or StatefulSet found");
        if (report.Entries.Count > 1)
            WriteSummary(report, output);
    }

    /// <summary>One line per workload after a run over several: the verdicts without scrolling back.</summary>
    private static void WriteSummary(RolloutReport report, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("summary:");
        foreach (var entry in report.Entries)
        {
            var verdict = entry switch
            {
                { Problems.Count: > 0 } => "not simulated: the API server rejects this object",
                { Result.Summary: { Outcome: RolloutOutcome.Stalls } summary } => $"stalls after sync {summary.LastProgressSync}: {summary.StallReason!.Split(';')[0]}",
                { Result: { } result } => RolloutFormat.Outcome(result),
                { Change: not null } => RolloutFormat.ChangeHeadline(entry),
                _ => "not simulated",
            };
            output.WriteLine($"  {RolloutFormat.Title(entry)}: {verdict}");
        }
    }

    private static void WriteEntry(RolloutEntry entry, TextWriter output)
    {
        output.WriteLine($"{RolloutFormat.Title(entry)} ({entry.File})");
        if (entry.Change is { } change)
            WriteChange(change, entry, output);
        if (entry.Problems.Count > 0)
        {
            output.WriteLine("  not simulated: the API server rejects this object");
            foreach (var problem in entry.Problems)
                output.WriteLine($"  {problem}");
            return;
        }

        if (entry.Result is { } result)
        {
            WriteResult(result, output);
            RolloutScenarioOutput.WriteText(entry, result, output);
        }
    }

    private static void WriteChange(WorkloadChange change, RolloutEntry entry, TextWriter output)
    {
        output.WriteLine($"  change: {RolloutFormat.ChangeHeadline(entry)}");
        foreach (var field in change.TemplateChanges)
            output.WriteLine($"    {field.Path}: {field.Before ?? "(absent)"} → {field.After ?? "(absent)"}");
        if (change.UnlistedTemplateChanges > 0)
            output.WriteLine($"    … and {change.UnlistedTemplateChanges} more template fields");
        if (change.OtherChanges.Count > 0)
            output.WriteLine($"    outside the pod template: {string.Join(", ", change.OtherChanges)}");
        foreach (var immutable in change.ImmutableChanges)
            output.WriteLine($"  error: {immutable.Message}");
        foreach (var note in change.Notes)
            output.WriteLine($"  note: {note}");
    }

    private static void WriteResult(RolloutResult result, TextWriter output)
    {
        output.WriteLine($"  {RolloutFormat.Headline(result)}");
        output.WriteLine($"  {RolloutFormat.Budget(result)}");
        if (result.Steps.Count > 0)
        {
            output.WriteLine();
            WriteTable(result, output);
        }

        var summary = result.Summary;
        output.WriteLine();
        var rows = new List<(string, string)>
        {
            ("steps", RolloutFormat.Steps(result)),
            ("minimum available", $"{summary.MinAvailable} of {result.Desired}"),
            ("peak pods", RolloutFormat.Peak(result)),
            ("outage", RolloutFormat.Outage(result)),
            ("estimated duration", RolloutFormat.Duration(result)),
            ("result", RolloutFormat.Outcome(result)),
        };
        if (summary.ProgressDeadlineExceededSeconds is { } deadline)
            rows.Add(("progress deadline", $"ProgressDeadlineExceeded about {RolloutFormat.Seconds(deadline)} after the start"));
        var width = rows.Max(row => row.Item1.Length);
        foreach (var (label, value) in rows)
            output.WriteLine($"  {label.PadRight(width)}  {value}");

        output.WriteLine();
        output.WriteLine($"  {RolloutFormat.StatusCommand(result)}   ({RolloutFormat.CollapsedStatusLines})");
        foreach (var line in result.StatusLines)
            output.WriteLine($"    {line}");
        if (result.Notes.Count > 0)
        {
            output.WriteLine();
            foreach (var note in result.Notes)
                output.WriteLine($"  note: {note}");
        }
    }

    private static void WriteTable(RolloutResult result, TextWriter output)
    {
        var timed = result.Options.PodStartupSeconds is not null;
        var header = timed
            ? new[] { "sync", "time", "event", "old", "new", "available", "total" }
            : new[] { "sync", "event", "old", "new", "available", "total" };
        var rows = new List<string[]>(result.Steps.Count + 1) { header };
        var repeatRows = new Dictionary<int, string>();
        foreach (var (step, repeat) in RolloutFormat.StepsWithRepeats(result))
        {
            var cells = new List<string> { Number(step.Sync) };
            if (timed)
                cells.Add($"{step.Seconds}s");
            cells.AddRange([RolloutFormat.Event(step), Number(step.Old), Number(step.New), Number(step.Available), Number(step.Total)]);
            rows.Add(cells.ToArray());
            if (repeat is not null)
                repeatRows[rows.Count - 1] = RolloutFormat.Repeat(repeat);
        }

        var widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var eventColumn = timed ? 2 : 1;
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            var cells = row.Select((cell, column) => column == eventColumn ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]));
            output.WriteLine("  " + string.Join("  ", cells).TrimEnd());
            if (repeatRows.TryGetValue(index, out var repeatLine))
                output.WriteLine("  " + repeatLine);
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
