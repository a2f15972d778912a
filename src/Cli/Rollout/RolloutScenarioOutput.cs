using System.Text.Json;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>The scenario sections of a workload's report (node capacity, PodDisruptionBudgets), in text, markdown and JSON.</summary>
internal static class RolloutScenarioOutput
{
    /// <summary>Said once per budget: the question every drain during a rollout raises.</summary>
    public const string NotConsulted =
        "rollouts do not consult PodDisruptionBudgets: the controller replaces pods within maxSurge/maxUnavailable alone, even while the budget allows 0 disruptions; the budget only limits evictions (kubectl drain, the cluster autoscaler)";

    public static void WriteText(RolloutEntry entry, RolloutResult result, TextWriter output)
    {
        if (entry.Scenarios.NodeLoss is { } loss)
        {
            output.WriteLine();
            output.WriteLine($"  {LossHeadline(loss)}");
            foreach (var point in loss.Timeline)
                output.WriteLine($"    {(point.Seconds is { } seconds ? RolloutFormat.Seconds(seconds) : "then"),10}  available {point.Available,-4} {point.Event}");
            output.WriteLine($"    rollout: {loss.Rollout}");
            foreach (var note in loss.Notes)
                output.WriteLine($"    note: {note}");
        }

        if (entry.Scenarios.Capacity is { } capacity)
        {
            output.WriteLine();
            output.WriteLine($"  node capacity ({Nodes(capacity.Nodes)}): {CapacityHeadline(capacity)}");
            output.WriteLine($"    needs      {capacity.Need}");
            foreach (var node in capacity.Blocked)
                output.WriteLine($"    {node.Name}  Pending ({node.Shortage}): free {node.Free}");
            if (capacity.BlockedCount > capacity.Blocked.Count)
                output.WriteLine($"    … and {capacity.BlockedCount - capacity.Blocked.Count} more nodes");
            if (capacity.Stall is { } stall)
                output.WriteLine($"    {stall}");
            foreach (var fix in capacity.Fixes)
                output.WriteLine($"    fix: {fix}");
            if (capacity.Approximation is { } approximation)
                output.WriteLine($"    note: {approximation}");
        }

        foreach (var budget in entry.Scenarios.Budgets)
        {
            output.WriteLine();
            output.WriteLine($"  PodDisruptionBudget {budget.Name} ({budget.File}:{budget.Line}): {Describe(budget)}");
            output.WriteLine("    disruptionsAllowed");
            foreach (var (allowed, when) in Timeline(budget, result))
                output.WriteLine($"    {allowed,5}  {when}");
            if (Consequence(budget, result) is { } consequence)
                output.WriteLine($"    {consequence}");
            output.WriteLine($"    note: {NotConsulted}");
        }
    }

    public static void WriteMarkdown(RolloutEntry entry, RolloutResult result, TextWriter output)
    {
        if (entry.Scenarios.NodeLoss is { } loss)
        {
            output.WriteLine();
            output.WriteLine($"**{LossHeadline(loss)}**");
            output.WriteLine();
            output.WriteLine("| After | Available | What happens |");
            output.WriteLine("|---|---:|---|");
            foreach (var point in loss.Timeline)
                output.WriteLine($"| {(point.Seconds is { } seconds ? RolloutFormat.Seconds(seconds) : "then")} | {point.Available} | {point.Event} |");
            output.WriteLine();
            output.WriteLine($"- Rollout: {loss.Rollout}");
            foreach (var note in loss.Notes)
                output.WriteLine($"- {note}");
        }

        if (entry.Scenarios.Capacity is { } capacity)
        {
            output.WriteLine();
            output.WriteLine($"**Node capacity** ({Nodes(capacity.Nodes)}): {(capacity.Stalls ? ":x: " : string.Empty)}{CapacityHeadline(capacity)}");
            output.WriteLine();
            output.WriteLine($"- Needs {capacity.Need}");
            if (capacity.Blocked.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("| Node | Pending | Free |");
                output.WriteLine("|---|---|---|");
                foreach (var node in capacity.Blocked)
                    output.WriteLine($"| `{node.Name}` | {node.Shortage} | {node.Free} |");
                if (capacity.BlockedCount > capacity.Blocked.Count)
                    output.WriteLine($"| … | {capacity.BlockedCount - capacity.Blocked.Count} more nodes | |");
                output.WriteLine();
            }

            if (capacity.Stall is { } stall)
                output.WriteLine($"- {stall}");
            foreach (var fix in capacity.Fixes)
                output.WriteLine($"- Fix: {fix}");
            if (capacity.Approximation is { } approximation)
                output.WriteLine($"- {approximation}");
        }

        foreach (var budget in entry.Scenarios.Budgets)
        {
            output.WriteLine();
            output.WriteLine($"**PodDisruptionBudget `{budget.Name}`** (`{budget.File}:{budget.Line}`): {Describe(budget)}");
            output.WriteLine();
            output.WriteLine("| When | disruptionsAllowed |");
            output.WriteLine("|---|---:|");
            foreach (var (allowed, when) in Timeline(budget, result))
                output.WriteLine($"| {when.Replace("<", "&lt;")} | {allowed} |");
            output.WriteLine();
            if (Consequence(budget, result) is { } consequence)
                output.WriteLine($"- {consequence}");
            output.WriteLine($"- {NotConsulted}");
        }
    }

    /// <summary>Writes <c>disruptionBudgets</c> into a workload's object; nothing when no budget selects it.</summary>
    public static void WriteJson(Utf8JsonWriter json, RolloutEntry entry, RolloutResult result)
    {
        if (entry.Scenarios.NodeLoss is { } loss)
        {
            json.WriteStartObject("nodeLoss");
            json.WriteNumber("lostNodes", loss.LostNodes);
            json.WriteNumber("nodes", loss.Nodes);
            json.WriteNumber("atStep", loss.AtStep);
            json.WriteNumber("lostPods", loss.LostPods);
            if (loss.TolerationSeconds is { } toleration)
                json.WriteNumber("tolerationSeconds", toleration);
            else
                json.WriteNull("tolerationSeconds");
            json.WriteStartArray("timeline");
            foreach (var point in loss.Timeline)
            {
                json.WriteStartObject();
                if (point.Seconds is { } seconds)
                    json.WriteNumber("seconds", seconds);
                else
                    json.WriteNull("seconds");
                json.WriteNumber("available", point.Available);
                json.WriteString("event", point.Event);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("rollout", loss.Rollout);
            json.WriteStartArray("notes");
            foreach (var note in loss.Notes)
                json.WriteStringValue(note);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (entry.Scenarios.Capacity is { } capacity)
        {
            json.WriteStartObject("nodeCapacity");
            json.WriteNumber("nodes", capacity.Nodes);
            json.WriteString("need", capacity.Need);
            json.WriteBoolean("stalls", capacity.Stalls);
            if (capacity.Stall is { } stall)
                json.WriteString("stall", stall);
            else
                json.WriteNull("stall");
            json.WriteNumber("blockedNodes", capacity.BlockedCount);
            json.WriteStartArray("blocked");
            foreach (var node in capacity.Blocked)
            {
                json.WriteStartObject();
                json.WriteString("node", node.Name);
                json.WriteString("reason", node.Shortage);
                json.WriteString("free", node.Free);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("fixes");
            foreach (var fix in capacity.Fixes)
                json.WriteStringValue(fix);
            json.WriteEndArray();
            if (capacity.Approximation is { } approximation)
                json.WriteString("approximation", approximation);
            else
                json.WriteNull("approximation");
            json.WriteEndObject();
        }

        if (entry.Scenarios.Budgets.Count == 0)
            return;
        json.WriteStartArray("disruptionBudgets");
        foreach (var budget in entry.Scenarios.Budgets)
        {
            json.WriteStartObject();
            json.WriteString("name", budget.Name);
            json.WriteString("file", budget.File);
            json.WriteNumber("line", budget.Line);
            json.WriteString("definition", budget.Definition);
            json.WriteNumber("expectedPods", budget.ExpectedPods);
            json.WriteNumber("otherPods", budget.OtherPods);
            json.WriteNumber("desiredHealthy", budget.Numbers.DesiredHealthy);
            json.WriteString("explanation", budget.Numbers.Explanation);
            if (budget.Numbers.AlwaysZeroReason is { } reason)
                json.WriteString("alwaysZeroReason", reason);
            else
                json.WriteNull("alwaysZeroReason");
            json.WriteNumber("before", budget.Before);
            json.WriteStartArray("steps");
            foreach (var allowed in budget.PerStep)
                json.WriteNumberValue(allowed);
            json.WriteEndArray();
            json.WriteNumber("after", budget.After);
            json.WriteBoolean("blocksDrainDuringRollout", budget.BlocksDuringRollout);
            json.WriteBoolean("consultedByRollout", false);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string LossHeadline(NodeLossReport loss) =>
        $"node loss: {Nodes(loss.LostNodes)} of {loss.Nodes} lost {(loss.AtStep == 0 ? "before the rollout" : $"after step {loss.AtStep}")}, {loss.LostPods} of the workload's pods on {(loss.LostNodes == 1 ? "it" : "them")}";

    private static string Nodes(long count) => count == 1 ? "1 node" : $"{count} nodes";

    private static string CapacityHeadline(NodeCapacityReport capacity) =>
        capacity.BlockedCount == 0 && capacity.Stall is null ? "every new pod fits"
        : capacity.Stalls ? $"the rollout gets stuck: {capacity.BlockedCount} of {capacity.Nodes} nodes cannot take the new pod"
        : $"{capacity.BlockedCount} of {capacity.Nodes} nodes cannot take the new pod; the rollout still finishes";

    private static string Describe(DisruptionReplay budget) =>
        budget.Numbers.AlwaysZeroReason is { } reason
            ? $"{budget.Definition}; {reason}"
            : budget.OtherPods > 0
                ? $"{budget.Numbers.Explanation} (with {budget.OtherPods} pods of other workloads it selects)"
                : budget.Numbers.Explanation;

    /// <summary>One line per run of steps with the same count, named by its first and last step.</summary>
    private static IEnumerable<(long Allowed, string When)> Timeline(DisruptionReplay budget, RolloutResult result)
    {
        yield return (budget.Before, "before the rollout");
        foreach (var run in budget.Runs(result))
        {
            var first = result.Steps[run.FirstStep];
            var last = result.Steps[run.LastStep];
            yield return (run.DisruptionsAllowed, run.FirstStep == run.LastStep
                ? $"after sync {first.Sync}: {RolloutFormat.Event(first)}"
                : $"after sync {first.Sync}: {RolloutFormat.Event(first)} … sync {last.Sync}: {RolloutFormat.Event(last)}");
        }

        yield return (budget.After, result.Summary.Completes ? "after the rollout" : "where the replay ends");
    }

    /// <summary>What the numbers mean for a drain during the rollout.</summary>
    private static string? Consequence(DisruptionReplay budget, RolloutResult result)
    {
        if (budget.Numbers.AlwaysZeroReason is not null || budget.Before == 0)
            return "every eviction of these pods is refused, before, during and after the rollout (see ML6101)";
        var blocked = budget.Runs(result).Where(run => run.DisruptionsAllowed == 0).ToArray();
        if (blocked.Length == 0)
            return null;
        var syncs = string.Join(", ", blocked.Select(run => run.FromSync == run.ToSync ? $"{run.FromSync}" : $"{run.FromSync}–{run.ToSync}"));
        return $"a node drain during sync{(blocked.Length == 1 && blocked[0].FromSync == blocked[0].ToSync ? string.Empty : "s")} {syncs} is refused for these pods: the new pods are not yet available";
    }
}
