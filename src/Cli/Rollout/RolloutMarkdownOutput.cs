using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>A pull-request comment: one summary table, then the steps of each workload folded away.</summary>
internal static class RolloutMarkdownOutput
{
    private const int MaxStepRows = 40;

    public static void Write(RolloutReport report, TextWriter output)
    {
        output.WriteLine("### ManifestLint rollout preview");
        output.WriteLine();
        foreach (var problem in report.InputProblems)
            output.WriteLine($"- :x: `{problem}`");
        if (report.Entries.Count == 0)
        {
            output.WriteLine(report.IsChangePreview ? "No Deployment, DaemonSet or StatefulSet changed." : "No Deployment, DaemonSet or StatefulSet found.");
            return;
        }

        output.WriteLine("| Workload | Change | Strategy | Steps | Min available | Peak pods | Duration | Result |");
        output.WriteLine("|---|---|---|---:|---:|---:|---|---|");
        foreach (var entry in report.Entries)
            output.WriteLine(Row(entry, report.IsChangePreview));

        foreach (var entry in report.Entries)
            Details(entry, output);
    }

    private static string Row(RolloutEntry entry, bool changePreview)
    {
        var change = entry.Change is null ? (changePreview ? "" : "—") : RolloutFormat.ChangeHeadline(entry);
        var title = $"{entry.Id.Kind} `{entry.Id.Namespace ?? "default"}/{entry.Id.Name}`";
        if (entry.Problems.Count > 0)
            return $"| {title} | {change} | — | — | — | — | — | :x: rejected by the API server |";
        if (entry.Result is not { } result)
            return $"| {title} | {change} | — | — | — | — | — | {(entry.Change is { RejectedByApply: true } ? ":x: apply fails" : "no rollout")} |";
        var summary = result.Summary;
        var outcome = summary.Outcome switch
        {
            RolloutOutcome.Completes => ":white_check_mark: completes",
            RolloutOutcome.Stalls => ":x: **stalls**",
            RolloutOutcome.Paused => ":pause_button: paused",
            _ => ":hand: waits for manual deletion",
        };
        var duration = summary.EstimatedSeconds is { } seconds ? RolloutFormat.Seconds(seconds) : summary.ApiFloorSeconds > 0 ? $"≥ {RolloutFormat.Seconds(summary.ApiFloorSeconds)}" : "—";
        return $"| {title} | {change} | {result.Strategy} | {summary.Steps} | {summary.MinAvailable} of {result.Desired} | {RolloutFormat.Peak(result)} | {duration} | {outcome} |";
    }

    private static void Details(RolloutEntry entry, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"<details><summary>{RolloutFormat.Title(entry)}</summary>");
        output.WriteLine();
        if (entry.Change is { } change)
        {
            foreach (var field in change.TemplateChanges)
                output.WriteLine($"- `{field.Path}`: `{field.Before ?? "(absent)"}` → `{field.After ?? "(absent)"}`");
            if (change.UnlistedTemplateChanges > 0)
                output.WriteLine($"- … and {change.UnlistedTemplateChanges} more template fields");
            foreach (var immutable in change.ImmutableChanges)
                output.WriteLine($"- :x: {immutable.Message}");
            foreach (var note in change.Notes)
                output.WriteLine($"- {note}");
            output.WriteLine();
        }

        foreach (var problem in entry.Problems)
            output.WriteLine($"- :x: `{problem}`");
        if (entry.Result is { } result)
        {
            Result(result, output);
            RolloutScenarioOutput.WriteMarkdown(entry, result, output);
        }

        output.WriteLine("</details>");
    }

    private static void Result(RolloutResult result, TextWriter output)
    {
        output.WriteLine($"{RolloutFormat.Headline(result)}; {RolloutFormat.Budget(result)}.");
        output.WriteLine();
        if (result.Steps.Count > 0)
        {
            output.WriteLine("| Sync | Event | Old | New | Available | Total |");
            output.WriteLine("|---:|---|---:|---:|---:|---:|");
            foreach (var (step, repeat) in RolloutFormat.StepsWithRepeats(result).Take(MaxStepRows))
            {
                output.WriteLine($"| {step.Sync} | {RolloutFormat.Event(step).Replace("<", "&lt;")} | {step.Old} | {step.New} | {step.Available} | {step.Total} |");
                if (repeat is not null)
                    output.WriteLine($"| … | {RolloutFormat.Repeat(repeat)} | | | | |");
            }

            if (result.Steps.Count > MaxStepRows)
                output.WriteLine($"| … | {result.Steps.Count - MaxStepRows} more steps | | | | |");
            output.WriteLine();
        }

        output.WriteLine($"- **Result:** {RolloutFormat.Outcome(result)}");
        output.WriteLine($"- **Outage:** {RolloutFormat.Outage(result)}");
        output.WriteLine($"- **Estimated duration:** {RolloutFormat.Duration(result)}");
        output.WriteLine($"- **Steps:** {RolloutFormat.Steps(result)}");
        foreach (var note in result.Notes)
            output.WriteLine($"- {note}");
        output.WriteLine();
        output.WriteLine($"`kubectl rollout status` ({RolloutFormat.CollapsedStatusLines}):");
        output.WriteLine();
        output.WriteLine("```console");
        output.WriteLine($"$ {RolloutFormat.StatusCommand(result)}");
        foreach (var line in result.StatusLines)
            output.WriteLine(line);
        output.WriteLine("```");
    }
}
