using ManifestLint.Cli.Rollout;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Commands;

/// <summary><c>manifestlint rollout PATH...</c>: replay the rollout of each workload, or of a change.</summary>
public static class RolloutCommand
{
    public const string Usage = """
        Usage: manifestlint rollout [PATH...] [options]
               manifestlint rollout --before OLD.yaml --after NEW.yaml [options]
               manifestlint rollout --base GITREV [PATH...] [options]
               manifestlint rollout history FILE [--base GITREV] [--to-revision N] [options]

        Replays the rollout a pod-template change starts, step by step, as the Deployment, DaemonSet and
        StatefulSet controllers would: pods available, extra pods, duration, and whether it can finish.

        Options:
          --replicas N                 simulate N replicas instead of the manifest's
          --nodes N                    nodes a DaemonSet runs on (default: rollout.nodes, else 3)
          --control-plane-nodes N      control-plane nodes besides them, tainted NoSchedule as kubeadm does:
                                       a DaemonSet runs there only if it tolerates the taint; a change
                                       preview says which nodes join or leave (default 0)
          --readiness lagged|instant   lagged: a pod created in sync k is available from sync k+2, as on real
                                       clusters (default); instant: from sync k+1
          --pod-startup SECONDS        seconds from pod creation to Ready; with minReadySeconds gives timestamps
          --new-pods-fail              new pods never become available: show where the rollout stalls
          --termination-seconds SECONDS
                                       seconds a deleted pod takes to stop (default: the template's
                                       terminationGracePeriodSeconds, the longest it can take); old pods
                                       count toward peak pods until then, and Recreate, StatefulSets and
                                       DaemonSets without surge wait for them
        """ + "\n" + RolloutNodeOptions.Usage + "\n" + """
          --format text|json|markdown  output format (default: text)
          --output FILE                write the report to FILE instead of stdout (never over an input)
          --before FILE --after FILE   preview the change between two versions of the manifests
          --base GITREV                preview the manifests changed since a git revision; with history:
                                       walk the history up to GITREV instead of HEAD and the working tree
          --config FILE                configuration file (default: nearest .manifestlint.yaml)
          --kubernetes-version X.Y[.Z] target Kubernetes version, 1.29–1.37; X.Y means its newest patch
                                       (default: the configuration's, else 1.37)

        rollout history FILE lists the revisions `kubectl rollout history` would show after applying each
        committed version of FILE in order (one per distinct pod template after API-server defaulting;
        re-applying a template renumbers its revision; revisionHistoryLimit prunes old ones), with
        kubernetes.io/change-cause, commits and images.
          --to-revision N              preview `kubectl rollout undo --to-revision=N` (0: the previous
                                       revision): the template that comes back, warnings, and its rollout;
                                       exit code 1 when kubectl would refuse the undo

        Input limits (not with history):
        """ + "\n" + LimitOptions.Usage + "\n\n" + """
        Exit code: 0 every rollout completes (or waits for manual deletion), 1 a rollout stalls (on the nodes
        described too), the API server or kubectl apply rejects a workload, or a file is not valid YAML; 2 usage
        or input errors.
        """;

    private static readonly string[] ValueOptions =
        ["--replicas", "--nodes", "--control-plane-nodes", "--readiness", "--pod-startup", "--termination-seconds", "--format", "--output", "--before", "--after", "--base", "--config", "--kubernetes-version", .. LimitOptions.Names, .. RolloutNodeOptions.Names];

    internal static readonly string[] Flags = ["--new-pods-fail", "--help", "-h"];
    internal static readonly string[] Formats = ["text", "json", "markdown"];
    private static readonly string[] ReadinessModels = ["lagged", "instant"];

    public static int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        if (args.Count > 0 && args[0] == "history")
            return RolloutHistoryCommand.Run(args.Skip(1).ToArray(), environment);
        var reader = new ArgumentReader(args, ValueOptions, Flags);
        if (reader.Flag("--help") || reader.Flag("-h"))
        {
            environment.Stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        var format = reader.Choice("--format", Formats, "text");
        var (configuration, options) = Settings(reader, environment);
        configuration = LimitOptions.Apply(reader, configuration);
        var inputPaths = new List<string>();
        var report = BuildReport(reader, environment, configuration, options, inputPaths);
        Write(report, format, reader.Value("--output"), environment, inputPaths);
        return report.Fails ? ExitCodes.FindingsReported : ExitCodes.Success;
    }

    /// <summary>The configuration and simulation options that <c>rollout</c> and <c>rollout history</c> share.</summary>
    internal static (LintConfiguration Configuration, RolloutOptions Options) Settings(ArgumentReader reader, CliEnvironment environment)
    {
        var configuration = KubernetesVersionOption.Apply(reader, CheckCommand.LoadConfiguration(reader.Value("--config"), environment));

        var options = RolloutOptions.From(configuration) with
        {
            Readiness = reader.Choice("--readiness", ReadinessModels, "lagged") == "instant" ? ReadinessModel.Instant : ReadinessModel.Lagged,
            Nodes = reader.NonNegativeInteger("--nodes") ?? configuration.Rollout.Nodes,
            ControlPlaneNodes = reader.NonNegativeInteger("--control-plane-nodes") ?? 0,
            Replicas = reader.NonNegativeInteger("--replicas"),
            PodStartupSeconds = reader.NonNegativeInteger("--pod-startup"),
            TerminationSeconds = reader.NonNegativeInteger("--termination-seconds"),
            NewPodsFail = reader.Flag("--new-pods-fail"),
        };
        if (RolloutNodeOptions.Cluster(reader, configuration, reader.NonNegativeInteger("--nodes")) is { } cluster)
            options = options with { Cluster = cluster, Nodes = (int)Math.Min(int.MaxValue, cluster.Count) };
        options = RolloutNodeOptions.WithNodeLoss(reader, options);
        return (configuration, options);
    }

    /// <summary>Replays the rollouts; <paramref name="inputPaths"/> receives the files read, which --output must not replace.</summary>
    private static RolloutReport BuildReport(ArgumentReader reader, CliEnvironment environment, LintConfiguration configuration, RolloutOptions options, List<string> inputPaths)
    {
        var before = reader.Value("--before");
        var after = reader.Value("--after");
        var baseRevision = reader.Value("--base");
        if ((before is null) != (after is null))
            throw new UsageException("--before and --after go together");
        if (before is not null && baseRevision is not null)
            throw new UsageException("use either --before/--after or --base, not both");
        if (before is not null && reader.Positionals.Count > 0)
            throw new UsageException("--before/--after take the files to compare; PATH arguments are not used with them");

        if (before is not null)
        {
            // Only the limits apply to the compared files: exclude globs must not drop a named file.
            var limitsOnly = LintConfiguration.Default with { Limits = configuration.Limits };
            var beforeFiles = WithoutKustomizePatches(Read([before], environment, limitsOnly, inputPaths), environment);
            var afterFiles = WithoutKustomizePatches(Read([after!], environment, limitsOnly, inputPaths), environment);
            return Preview(beforeFiles, afterFiles, options, configuration.Limits);
        }

        if (baseRevision is not null)
        {
            var (beforeFiles, afterFiles) = GitChanges.Since(baseRevision, reader.Positionals, environment, configuration.Limits);
            inputPaths.AddRange(afterFiles.Select(file => Path.Combine(environment.WorkingDirectory, file.Path)));
            return Preview(WithoutKustomizePatches(beforeFiles, environment), WithoutKustomizePatches(afterFiles, environment), options, configuration.Limits);
        }

        var paths = reader.Positionals.Count > 0 ? reader.Positionals : ["."];
        var files = WithoutKustomizePatches(Read(paths, environment, configuration, inputPaths), environment);
        var entries = new List<RolloutEntry>();
        var inputProblems = new List<RolloutProblem>();
        var loadedFiles = new List<LoadedFile>();
        foreach (var file in files)
        {
            var loaded = ManifestLoader.Load(file, configuration.Limits);
            loadedFiles.Add(loaded);
            inputProblems.AddRange(InputProblems(loaded));
            foreach (var resource in loaded.Resources)
            {
                if (Workload.From(resource) is { } workload)
                    entries.Add(Simulate(workload, options, null, loaded.Problems));
            }
        }

        return new RolloutReport(RolloutScenarios.Attach(entries, loadedFiles), IsChangePreview: false, inputProblems);
    }

    private static List<SourceFile> Read(IReadOnlyList<string> paths, CliEnvironment environment, LintConfiguration configuration, List<string> inputPaths)
    {
        var inputs = InputCollector.CollectInputs(paths, environment, configuration);
        inputPaths.AddRange(inputs.Where(input => input.FullPath is not null).Select(input => input.FullPath!));
        return inputs.Select(input => input.Read()).ToList();
    }

    // A kustomize patch is a partial object: replaying it would report a workload the API server rejects.
    private static List<SourceFile> WithoutKustomizePatches(IEnumerable<SourceFile> files, CliEnvironment environment) =>
        KustomizePatchFilter.Apply(files, file => file.Path, environment, []);

    internal static RolloutReport Preview(List<SourceFile> beforeFiles, List<SourceFile> afterFiles, RolloutOptions options, InputLimits limits)
    {
        var beforeLoaded = beforeFiles.Select(file => ManifestLoader.Load(file, limits)).ToArray();
        var afterLoaded = afterFiles.Select(file => ManifestLoader.Load(file, limits)).ToArray();
        var inputProblems = beforeLoaded.Concat(afterLoaded).SelectMany(InputProblems).ToList();
        var changes = ChangePreview.Compare(beforeLoaded.SelectMany(file => file.Resources), afterLoaded.SelectMany(file => file.Resources));
        var entries = new List<RolloutEntry>();
        var problemsByFile = afterLoaded.GroupBy(file => file.File.Path).ToDictionary(group => group.Key, group => group.SelectMany(file => file.Problems).ToArray());
        foreach (var change in changes)
        {
            var fileProblems = change.After is { } after && problemsByFile.TryGetValue(after.Resource.File.Path, out var found) ? found : [];
            entries.Add(Entry(change, options, fileProblems));
        }

        return new RolloutReport(RolloutScenarios.Attach(entries, afterLoaded), IsChangePreview: true, inputProblems);
    }

    /// <summary>A compared workload: its rollout replayed when the change starts one.</summary>
    internal static RolloutEntry Entry(WorkloadChange change, RolloutOptions options, IEnumerable<LoadProblem>? fileProblems = null) =>
        change.After is { } workload && change.TriggersRollout && !change.RejectedByApply
            ? Simulate(workload, options with { ReplicasBefore = change.Before?.Replicas?.Value, Previous = change.Before }, change, fileProblems ?? [])
            : new RolloutEntry(change.Id, (change.After ?? change.Before)!.Resource.File.Path, null, [], change);

    /// <summary>
    /// Simulates a workload, or explains with the engine's findings why the API server rejects it (the verdict
    /// <c>check</c> gives; <paramref name="fileProblems"/> are the loader's, a duplicate key among them). New pods
    /// that can never start are replayed as failing.
    /// </summary>
    internal static RolloutEntry Simulate(Workload workload, RolloutOptions options, WorkloadChange? change, IEnumerable<LoadProblem> fileProblems)
    {
        var resource = workload.Resource;
        // Node capacity: the old pods hold the old template's requests.
        if (options.Cluster is not null && change?.Before is { } before)
            options = options with { PreviousPodSpec = before.TemplateSpec };
        var rejected = RolloutInputCheck.Problems(workload, options.KubernetesVersion, fileProblems)
            .Select(finding => new RolloutProblem(finding.Rule.Id, finding.Level.ToText(), finding.File, finding.Start.Line, finding.Start.Column, finding.Message))
            .ToList();
        return rejected.Count == 0
            ? new RolloutEntry(resource.Id, resource.File.Path, RolloutSimulator.Simulate(workload, RolloutInputCheck.ReplayOptions(workload, options)), [], change)
            : new RolloutEntry(resource.Id, resource.File.Path, null, rejected, change);
    }

    private static IEnumerable<RolloutProblem> InputProblems(LoadedFile loaded) =>
        loaded.Problems.Select(problem => new RolloutProblem(problem.RuleId, "error", loaded.File.Path, problem.Start.Line, problem.Start.Column, problem.Message));

    internal static void Write(RolloutReport report, string format, string? outputPath, CliEnvironment environment, IEnumerable<string> inputPaths)
    {
        Action<RolloutReport, TextWriter> writer = format switch
        {
            "json" => RolloutJsonOutput.Write,
            "markdown" => RolloutMarkdownOutput.Write,
            _ => RolloutTextOutput.Write,
        };
        OutputFile.Write(outputPath, environment, output => writer(report, output), inputPaths);
    }
}
