using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary><c>rollout history</c> as text, markdown and JSON; an undo's rollout uses the rollout outputs.</summary>
internal static class RolloutHistoryOutput
{
    public static void Text(RolloutHistoryReport report, TextWriter output)
    {
        foreach (var problem in report.InputProblems)
            output.WriteLine(problem);
        var first = true;
        foreach (var history in report.Workloads)
        {
            if (!first)
                output.WriteLine();
            first = false;
            output.WriteLine($"{Title(history)} ({report.Path}): {Count(report.Versions.Count, "version")}");
            output.WriteLine($"  $ {RolloutHistoryReport.HistoryCommand(history)}");
            foreach (var line in RolloutHistoryReport.KubectlLines(history))
                output.WriteLine($"  {line}");
            output.WriteLine();
            foreach (var revision in history.Revisions)
                output.WriteLine($"  revision {revision.Number}: {Describe(revision)}");
            foreach (var revision in history.Pruned.Where(revision => revision.PrunedAt is not null))
                output.WriteLine($"  deleted: revision {revision.Number} ({string.Join(", ", revision.Images)}) at {revision.PrunedAt!.Label}");
            output.WriteLine("  versions, oldest first:");
            foreach (var historyEvent in history.Events)
                output.WriteLine($"    {Version(historyEvent.Version)}: {historyEvent.Message}");
        }

        if (report.Workloads.Count == 0)
            output.WriteLine($"no Deployment, DaemonSet or StatefulSet in any version of {report.Path}");
        foreach (var undo in report.Undo)
        {
            output.WriteLine();
            output.WriteLine($"$ {RolloutHistoryReport.UndoCommand(undo)}");
            if (undo.Outcome is { } outcome)
            {
                output.WriteLine(outcome);
                continue;
            }

            output.WriteLine($"brings back revision {undo.Target!.Number} ({Describe(undo.Target)}); it becomes revision {undo.RevisionAfterUndo}");
            foreach (var warning in undo.Warnings)
                output.WriteLine($"warning: {warning}");
            foreach (var finding in undo.ImageFindings)
                output.WriteLine($"  {finding}");
            output.WriteLine();
            RolloutTextOutput.Write(undo.Replay!, output);
        }
    }

    public static void Markdown(RolloutHistoryReport report, TextWriter output)
    {
        output.WriteLine("### ManifestLint rollout history");
        output.WriteLine();
        foreach (var problem in report.InputProblems)
            output.WriteLine($"- :x: `{problem}`");
        if (report.Workloads.Count == 0)
            output.WriteLine($"No Deployment, DaemonSet or StatefulSet in any version of `{report.Path}`.");
        foreach (var history in report.Workloads)
        {
            output.WriteLine($"#### {Title(history)} (`{report.Path}`, {Count(report.Versions.Count, "version")})");
            output.WriteLine();
            output.WriteLine("```console");
            output.WriteLine($"$ {RolloutHistoryReport.HistoryCommand(history)}");
            foreach (var line in RolloutHistoryReport.KubectlLines(history))
                output.WriteLine(line);
            output.WriteLine("```");
            output.WriteLine();
            output.WriteLine("| Revision | Change cause | Images | From | Note |");
            output.WriteLine("|---:|---|---|---|---|");
            foreach (var revision in history.Revisions)
                output.WriteLine($"| {revision.Number} | {Cell(revision.ChangeCause ?? "<none>")} | {Cell(string.Join(", ", revision.Images))} | {Cell(Version(revision.FirstApplied))} | {Cell(Former(revision))} |");
            foreach (var revision in history.Pruned.Where(revision => revision.PrunedAt is not null))
                output.WriteLine($"| ~~{revision.Number}~~ | {Cell(revision.ChangeCause ?? "<none>")} | {Cell(string.Join(", ", revision.Images))} | {Cell(Version(revision.FirstApplied))} | deleted at {Cell(revision.PrunedAt!.Label)} |");
            output.WriteLine();
            output.WriteLine("<details><summary>Versions, oldest first</summary>");
            output.WriteLine();
            foreach (var historyEvent in history.Events)
                output.WriteLine($"- {Cell(Version(historyEvent.Version))}: {Cell(historyEvent.Message)}");
            output.WriteLine("</details>");
            output.WriteLine();
        }

        foreach (var undo in report.Undo)
        {
            output.WriteLine($"#### Undo: `{RolloutHistoryReport.UndoCommand(undo)}`");
            output.WriteLine();
            if (undo.Outcome is { } outcome)
            {
                output.WriteLine($"{(undo.RefusedByKubectl ? ":x: " : string.Empty)}`{outcome}`");
                output.WriteLine();
                continue;
            }

            output.WriteLine($"Brings back revision {undo.Target!.Number} ({Cell(Describe(undo.Target))}); it becomes revision {undo.RevisionAfterUndo}.");
            output.WriteLine();
            foreach (var warning in undo.Warnings)
                output.WriteLine($"- :warning: {Cell(warning)}");
            foreach (var finding in undo.ImageFindings)
                output.WriteLine($"- `{finding}`");
            output.WriteLine();
            RolloutMarkdownOutput.Write(undo.Replay!, output);
        }
    }

    /// <summary>The JSON document; README "rollout history JSON" documents every field.</summary>
    public static void Json(RolloutHistoryReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("path", report.Path);
            json.WriteStartArray("versions");
            foreach (var version in report.Versions)
                Version(json, version);
            json.WriteEndArray();
            json.WriteStartArray("workloads");
            foreach (var history in report.Workloads)
                Workload(json, history);
            json.WriteEndArray();
            json.WriteStartArray("undo");
            foreach (var undo in report.Undo)
                Undo(json, undo);
            json.WriteEndArray();
            json.WriteStartArray("inputProblems");
            foreach (var problem in report.InputProblems)
                json.WriteStringValue(problem.ToString());
            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void Workload(Utf8JsonWriter json, WorkloadHistory history)
    {
        json.WriteStartObject();
        json.WriteString("kind", history.Kind.ToString());
        json.WriteString("namespace", history.Id.Namespace ?? "default");
        json.WriteString("name", history.Id.Name);
        json.WriteStartArray("kubectl");
        foreach (var line in RolloutHistoryReport.KubectlLines(history))
            json.WriteStringValue(line);
        json.WriteEndArray();
        json.WriteStartArray("revisions");
        foreach (var revision in history.Revisions)
            Revision(json, revision);
        json.WriteEndArray();
        json.WriteStartArray("deleted");
        foreach (var revision in history.Pruned)
            Revision(json, revision);
        json.WriteEndArray();
        json.WriteStartArray("events");
        foreach (var historyEvent in history.Events)
        {
            json.WriteStartObject();
            json.WriteString("version", historyEvent.Version.Label);
            json.WriteString("message", historyEvent.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Revision(Utf8JsonWriter json, HistoryRevision revision)
    {
        json.WriteStartObject();
        json.WriteNumber("revision", revision.Number);
        json.WriteStartArray("formerRevisions");
        foreach (var number in revision.FormerNumbers)
            json.WriteNumberValue(number);
        json.WriteEndArray();
        if (revision.ChangeCause is { } cause)
            json.WriteString("changeCause", cause);
        else
            json.WriteNull("changeCause");
        json.WriteString("templateDigest", revision.Template.ToHex(16));
        json.WriteStartArray("images");
        foreach (var image in revision.Images)
            json.WriteStringValue(image);
        json.WriteEndArray();
        json.WriteString("firstApplied", revision.FirstApplied.Label);
        json.WriteString("lastApplied", revision.LastApplied.Label);
        if (revision.PrunedAt is { } pruned)
            json.WriteString("deletedAt", pruned.Label);
        else
            json.WriteNull("deletedAt");
        json.WriteEndObject();
    }

    private static void Version(Utf8JsonWriter json, ManifestVersion version)
    {
        json.WriteStartObject();
        json.WriteString("label", version.Label);
        if (version.Commit is { } commit)
            json.WriteString("commit", commit);
        else
            json.WriteNull("commit");
        if (version.Date is { } date)
            json.WriteString("date", date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        else
            json.WriteNull("date");
        json.WriteString("subject", version.Subject);
        json.WriteEndObject();
    }

    private static void Undo(Utf8JsonWriter json, UndoPreview undo)
    {
        json.WriteStartObject();
        json.WriteString("kind", undo.History.Kind.ToString());
        json.WriteString("namespace", undo.History.Id.Namespace ?? "default");
        json.WriteString("name", undo.History.Id.Name);
        json.WriteString("command", RolloutHistoryReport.UndoCommand(undo));
        json.WriteNumber("toRevision", undo.Requested);
        if (undo.Target is { } target)
            json.WriteNumber("revision", target.Number);
        else
            json.WriteNull("revision");
        if (undo.RevisionAfterUndo is { } after)
            json.WriteNumber("revisionAfterUndo", after);
        else
            json.WriteNull("revisionAfterUndo");
        if (undo.Outcome is { } outcome)
            json.WriteString("kubectl", outcome);
        else
            json.WriteNull("kubectl");
        json.WriteBoolean("fails", undo.Fails);
        json.WriteStartArray("warnings");
        foreach (var warning in undo.Warnings)
            json.WriteStringValue(warning);
        json.WriteEndArray();
        json.WriteStartArray("imageFindings");
        foreach (var finding in undo.ImageFindings)
            json.WriteStringValue(finding.ToString());
        json.WriteEndArray();
        json.WritePropertyName("replay");
        if (undo.Replay is { } replay)
        {
            using var text = new StringWriter();
            RolloutJsonOutput.Write(replay, text);
            using var document = JsonDocument.Parse(text.ToString());
            document.WriteTo(json);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteEndObject();
    }

    private static string Title(WorkloadHistory history) => $"{history.Kind} {history.Id.Namespace ?? "default"}/{history.Id.Name}";

    private static string Describe(HistoryRevision revision) =>
        $"{string.Join(", ", revision.Images)}; from {Version(revision.FirstApplied)}{(revision.FormerNumbers.Count > 0 ? "; " + Former(revision) : string.Empty)}";

    private static string Former(HistoryRevision revision) =>
        revision.FormerNumbers.Count == 0 ? string.Empty : $"was revision {string.Join(", ", revision.FormerNumbers)}";

    private static string Version(ManifestVersion version) =>
        version.Date is { } date
            ? $"{version.Label} {date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} \"{version.Subject}\""
            : $"{version.Label} ({version.Subject})";

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("<", "&lt;");
}
