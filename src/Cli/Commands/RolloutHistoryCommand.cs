using ManifestLint.Cli.Rollout;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Commands;

/// <summary><c>manifestlint rollout history FILE</c>: the revisions kubectl would list, and an undo preview.</summary>
public static class RolloutHistoryCommand
{
    private static readonly string[] ValueOptions =
        ["--base", "--to-revision", "--format", "--output", "--config", "--kubernetes-version", "--replicas", "--nodes", "--readiness", "--pod-startup"];

    public static int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var reader = new ArgumentReader(args, ValueOptions, RolloutCommand.Flags);
        if (reader.Flag("--help") || reader.Flag("-h"))
        {
            environment.Stdout.WriteLine(RolloutCommand.Usage);
            return ExitCodes.Success;
        }

        var format = reader.Choice("--format", RolloutCommand.Formats, "text");
        if (reader.Positionals.Count != 1)
            throw new UsageException("rollout history takes one manifest file: manifestlint rollout history FILE");
        var toRevision = reader.NonNegativeInteger("--to-revision");
        var (configuration, options) = RolloutCommand.Settings(reader, environment);

        var path = reader.Positionals[0];
        var (versions, problems) = GitHistory.Versions(path, reader.Value("--base"), environment, configuration.Limits);
        var histories = RolloutHistory.Build(versions, configuration.KubernetesVersion);
        var undo = toRevision is { } number
            ? histories.Select(history => Undo(history, number, configuration, options)).ToList()
            : [];
        var report = new RolloutHistoryReport(path, versions, histories, problems, undo);

        Action<RolloutHistoryReport, TextWriter> writer = format switch
        {
            "json" => RolloutHistoryOutput.Json,
            "markdown" => RolloutHistoryOutput.Markdown,
            _ => RolloutHistoryOutput.Text,
        };
        OutputFile.Write(reader.Value("--output"), environment, output => writer(report, output));
        return report.Fails ? ExitCodes.FindingsReported : ExitCodes.Success;
    }

    private static UndoPreview Undo(WorkloadHistory history, int requested, LintConfiguration configuration, RolloutOptions options)
    {
        var kind = history.Kind.ToString().ToLowerInvariant();
        if (history.Current is not { } current)
            return Refused(history, requested, $"error: {kind}s.apps \"{history.Id.Name}\" not found (it is not in the latest version)");
        if (history.Find(requested) is not { } target)
        {
            var pruned = history.Pruned.LastOrDefault(revision => revision.Number == requested && revision.PrunedAt is not null);
            // kubectl's rollbackers word "no previous revision" differently for Deployments and the others.
            var message = requested != 0
                ? $"error: unable to find specified revision {requested} in history"
                : history.Kind == WorkloadKind.Deployment
                    ? $"error: no rollout history found for deployment \"{history.Id.Name}\""
                    : "error: no last revision to roll back to";
            if (history.Revisions.FirstOrDefault(revision => revision.FormerNumbers.Contains(requested)) is { } renumbered)
                return Refused(history, requested, $"{message}: its template was applied again and is now revision {renumbered.Number}");
            return pruned is null
                ? Refused(history, requested, message)
                : Refused(history, requested, $"{message}: revision {requested} was deleted at {pruned.PrunedAt!.Label} (revisionHistoryLimit {current.Workload.RevisionHistoryLimit.Value})");
        }

        if (target == current)
            return new UndoPreview(history, requested, null, $"{RolloutHistoryReport.KubectlName(history)} skipped rollback (current template already matches revision {target.Number})", false, null, [], [], null);

        var undone = RolloutHistory.WithTemplate(current.Workload, target);
        var change = ChangePreview.Compare([current.Workload.Resource], [undone.Resource]).Single();
        var replay = new RolloutReport([RolloutCommand.Entry(change, options)], IsChangePreview: true, []);
        var warnings = target.Images.Where(ChangePreview.IsMutableTag)
            .Select(image => $"image {image} is a mutable tag: the undo brings back the tag, not the code revision {target.Number} ran ({target.FirstApplied.Label}); pods pull what the tag points to now")
            .ToList();
        var findings = ImageFindings(target, configuration);
        if (findings.Count > 0)
            warnings.Add($"the template of revision {target.Number} has image problems: {string.Join(", ", findings.Select(finding => finding.RuleId).Distinct())}");
        var after = history.Revisions.Max(revision => revision.Number) + 1;
        return new UndoPreview(history, requested, target, null, false, after, warnings, findings, replay);
    }

    private static UndoPreview Refused(WorkloadHistory history, int requested, string message) =>
        new(history, requested, null, message, true, null, [], [], null);

    /// <summary>The image rules (ML4xxx) on the old template, as <c>check</c> reports them.</summary>
    private static List<RolloutProblem> ImageFindings(HistoryRevision revision, LintConfiguration configuration)
    {
        var resource = revision.Workload.Resource;
        return new Linter(configuration).Lint([resource.File]).Findings
            .Where(finding => finding.Rule.Id.StartsWith("ML4", StringComparison.Ordinal) && finding.Resource == resource.Id &&
                              finding.Path?.StartsWith("spec.template", StringComparison.Ordinal) == true)
            .Select(finding => new RolloutProblem(finding.Rule.Id, finding.Level.ToText(), finding.File, finding.Start.Line, finding.Start.Column, finding.Message))
            .ToList();
    }
}
