using System.Text.Encodings.Web;
using System.Text.Json;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>
/// <c>{"workloads":[…]}</c> in the shape issue 3 fixes (keys in that order; later keys are additions). Written with
/// <see cref="Utf8JsonWriter"/>: no reflection, so it stays AOT-friendly.
/// </summary>
internal static class RolloutJsonOutput
{
    public static void Write(RolloutReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("workloads");
            foreach (var entry in report.Entries)
            {
                if (entry.Result is { } result && entry.Problems.Count == 0)
                    Workload(json, entry, result);
            }

            json.WriteEndArray();
            var invalid = report.Entries.Where(entry => entry.Problems.Count > 0).ToArray();
            if (invalid.Length > 0)
            {
                json.WriteStartArray("invalid");
                foreach (var entry in invalid)
                {
                    json.WriteStartObject();
                    Identity(json, entry);
                    json.WriteString("file", entry.File);
                    Problems(json, "findings", entry.Problems);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (report.IsChangePreview)
            {
                json.WriteStartArray("changes");
                foreach (var entry in report.Entries)
                    Change(json, entry);
                json.WriteEndArray();
            }

            if (report.InputProblems.Count > 0)
                Problems(json, "inputProblems", report.InputProblems);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Workload(Utf8JsonWriter json, RolloutEntry entry, RolloutResult result)
    {
        json.WriteStartObject();
        Identity(json, entry);
        json.WriteString("strategy", result.Strategy);
        json.WriteNumber("replicas", result.Desired);
        json.WriteString("readiness", result.Readiness == ReadinessModel.Lagged ? "lagged" : "instant");
        json.WriteStartObject("resolved");
        json.WriteNumber("maxSurge", result.Resolved.MaxSurge);
        json.WriteNumber("maxUnavailable", result.Resolved.MaxUnavailable);
        json.WriteNumber("minAvailable", result.Resolved.MinAvailable);
        json.WriteNumber("maxPods", result.Resolved.MaxPods);
        json.WriteString("explanation", result.Resolved.Explanation);
        json.WriteEndObject();

        json.WriteStartArray("steps");
        foreach (var step in result.Steps)
            Step(json, result, step);
        json.WriteEndArray();
        json.WriteStartArray("repeats");
        foreach (var repeat in result.Repeats)
        {
            json.WriteStartObject();
            json.WriteNumber("firstStep", repeat.FirstStep);
            json.WriteNumber("stepCount", repeat.StepCount);
            json.WriteNumber("times", repeat.Times);
            json.WriteNumber("syncsPerRound", repeat.SyncsPerRound);
            json.WriteNumber("podsPerRound", repeat.PodsPerRound);
            NullableNumber(json, "secondsPerRound", repeat.SecondsPerRound);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        var summary = result.Summary;
        json.WriteStartObject("summary");
        json.WriteBoolean("completes", summary.Completes);
        NullableString(json, "stallReason", summary.StallReason);
        json.WriteNumber("steps", summary.Steps);
        json.WriteNumber("minAvailable", summary.MinAvailable);
        json.WriteNumber("peakPods", summary.PeakPods);
        json.WriteNumber("peakPodsWithTerminating", summary.PeakPodsWithTerminating);
        json.WriteNumber("terminationSeconds", result.Options.SecondsToTerminate(result.Workload));
        NullableNumber(json, "estimatedSeconds", summary.EstimatedSeconds);
        json.WriteNumber("apiFloorSeconds", summary.ApiFloorSeconds);
        json.WriteString("outcome", Outcome(summary.Outcome));
        json.WriteNumber("extraPods", summary.ExtraPods);
        json.WriteNumber("syncs", summary.Syncs);
        json.WriteNumber("actingSyncs", summary.ActingSyncs);
        json.WriteNumber("lastProgressSync", summary.LastProgressSync);
        NullableNumber(json, "progressDeadlineExceededSeconds", summary.ProgressDeadlineExceededSeconds);
        if (summary.Outage is { } outage)
        {
            json.WriteStartObject("outage");
            json.WriteNumber("fromSync", outage.FromSync);
            json.WriteNumber("toSync", outage.ToSync);
            NullableNumber(json, "seconds", outage.Seconds);
            json.WriteBoolean("open", outage.Open);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("outage");
        }

        json.WriteEndObject();
        json.WriteString("file", entry.File);
        Strings(json, "statusLines", result.StatusLines);
        json.WriteBoolean("statusLinesCollapsed", true);
        Strings(json, "notes", result.Notes);
        RolloutScenarioOutput.WriteJson(json, entry, result);
        json.WriteEndObject();
    }

    private static void Step(Utf8JsonWriter json, RolloutResult result, RolloutStep step)
    {
        json.WriteStartObject();
        json.WriteNumber("sync", step.Sync);
        json.WriteNumber("pods", step.Pods);
        switch (result.Kind)
        {
            case "Deployment":
                json.WriteString("replicaSet", step.Target);
                if (step.From is { } from)
                    json.WriteNumber("from", from);
                json.WriteNumber("to", step.To ?? 0);
                break;
            case "DaemonSet":
                json.WriteString("node", step.Target);
                json.WriteString("action", Action(step.Action));
                break;
            default:
                json.WriteString("pod", step.Target);
                json.WriteString("action", Action(step.Action));
                break;
        }

        json.WriteNumber("old", step.Old);
        json.WriteNumber("new", step.New);
        json.WriteNumber("available", step.Available);
        json.WriteNumber("total", step.Total);
        json.WriteString("message", step.Message);
        if (step.Seconds is { } seconds)
            json.WriteNumber("seconds", seconds);
        json.WriteEndObject();
    }

    private static void Change(Utf8JsonWriter json, RolloutEntry entry)
    {
        var change = entry.Change!;
        json.WriteStartObject();
        Identity(json, entry);
        json.WriteString("change", change.Kind.ToString().ToLowerInvariant());
        json.WriteBoolean("triggersRollout", change.TriggersRollout);
        json.WriteBoolean("rejectedByApply", change.RejectedByApply);
        json.WriteStartArray("templateChanges");
        foreach (var field in change.TemplateChanges)
        {
            json.WriteStartObject();
            json.WriteString("path", field.Path);
            NullableString(json, "before", field.Before);
            NullableString(json, "after", field.After);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("unlistedTemplateChanges", change.UnlistedTemplateChanges);
        NullableString(json, "notCompared", change.NotCompared);
        Strings(json, "otherChanges", change.OtherChanges);
        json.WriteStartArray("immutableFieldChanges");
        foreach (var immutable in change.ImmutableChanges)
        {
            json.WriteStartObject();
            json.WriteString("path", immutable.Path);
            json.WriteString("message", immutable.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Strings(json, "notes", change.Notes);
        json.WriteEndObject();
    }

    private static void Identity(Utf8JsonWriter json, RolloutEntry entry)
    {
        json.WriteString("kind", entry.Id.Kind);
        json.WriteString("namespace", entry.Id.Namespace ?? "default");
        json.WriteString("name", entry.Id.Name);
    }

    private static void Problems(Utf8JsonWriter json, string name, IEnumerable<RolloutProblem> problems)
    {
        json.WriteStartArray(name);
        foreach (var problem in problems)
        {
            json.WriteStartObject();
            NullableString(json, "ruleId", problem.RuleId);
            json.WriteString("level", problem.Level);
            json.WriteString("file", problem.File);
            json.WriteNumber("line", problem.Line);
            json.WriteNumber("column", problem.Column);
            json.WriteString("message", problem.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static void NullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private static void NullableNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
            json.WriteNumber(name, number);
        else
            json.WriteNull(name);
    }

    private static string Action(RolloutAction action) => action switch
    {
        RolloutAction.CreatePod => "create",
        RolloutAction.DeletePod => "delete",
        RolloutAction.ScaleUp => "scaleUp",
        _ => "scaleDown",
    };

    private static string Outcome(RolloutOutcome outcome) => outcome switch
    {
        RolloutOutcome.Completes => "completes",
        RolloutOutcome.Stalls => "stalls",
        RolloutOutcome.Paused => "paused",
        _ => "waitsForManualDeletion",
    };
}
