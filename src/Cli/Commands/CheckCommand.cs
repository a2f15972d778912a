using ManifestLint.Cli.Rollout;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Reporting;

namespace ManifestLint.Cli.Commands;

/// <summary><c>manifestlint check PATH...</c>: lint manifests and report findings.</summary>
public static class CheckCommand
{
    public const string Usage = """
        Usage: manifestlint check [PATH...] [options]

        Lints Kubernetes manifests (files, directories searched for *.yaml, *.yml, *.json; - for stdin).

        Options:
          --format FORMAT                    text, json, sarif, msbuild, github, junit or gitlab (default: text)
          --output FILE                      write the report to FILE instead of stdout
          --fail-on error|warning|info       lowest level that makes the exit code 1 (default: error)
          --config FILE                      configuration file (default: nearest .manifestlint.yaml)
          --no-config                        ignore every .manifestlint.yaml: default levels, no exclude
          --select RULE,...                  run only these rules (IDs, names or ID prefixes such as ML4)
          --ignore RULE,...                  do not run these rules
          --exit-zero                        exit 0 even when findings reach the --fail-on level
          --quiet                            findings only: no summary line, no notes
          --statistics                       a count per rule instead of the findings (text format)
          --color auto|always|never          colour the text format (auto: on a terminal, honouring
                                             NO_COLOR and FORCE_COLOR; never in --output files)
          --kubernetes-version X.Y[.Z]       target Kubernetes version, 1.29–1.37; X.Y means its newest patch
                                             (default: the configuration's, else 1.37)
          --schema-location DIR              CRD JSON schemas laid out as {group}/{kind}_{version}.json (repeatable)
          --verbose                          list skipped files and documents on stderr
          --stdin-filename PATH              the name of standard input (-): shown in findings, used to find the
                                             configuration and matched against exclude
          --changed-since REV                lint only the manifests under PATH... that differ from git revision REV
                                             in the working tree (added, modified, renamed; staged or not) and
                                             untracked files git does not ignore; deleted files are skipped
          --only-changed-lines               with --changed-since: report only findings that start on a line the
                                             diff adds or changes (every line of a new or untracked file)
          --sarif-category NAME              SARIF automationDetails.id, so several uploads of one commit stay
                                             apart (default: manifestlint/check/ plus the paths)
        """ + "\n" + BaselineOptions.Usage + LimitOptions.Usage;

    private static readonly string[] ValueOptions = ["--format", "--output", "--fail-on", "--config", "--kubernetes-version", "--stdin-filename", "--sarif-category", "--select", "--ignore", "--color", "--schema-location", "--changed-since", .. BaselineOptions.ValueNames, .. LimitOptions.Names];
    private static readonly string[] Flags = ["--verbose", "--quiet", "--statistics", "--exit-zero", "--no-config", "--only-changed-lines", .. BaselineOptions.FlagNames, "--help", "-h"];
    private static readonly string[] ColorModes = ["auto", "always", "never"];
    private static readonly string[] FailLevels = ["error", "warning", "info"];

    public static int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var reader = new ArgumentReader(args, ValueOptions, Flags);
        if (reader.Flag("--help") || reader.Flag("-h"))
        {
            environment.Stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        var format = reader.Choice("--format", Reporters.Formats, "text");
        var colorMode = reader.Choice("--color", ColorModes, "auto");
        RuleLevels.TryParse(reader.Choice("--fail-on", FailLevels, "error"), out var failLevel);
        var quiet = reader.Flag("--quiet");
        var statistics = reader.Flag("--statistics");
        if (statistics && format != "text")
            throw new UsageException($"--statistics prints a table in the text format; it does not combine with --format {format}");
        if (quiet && reader.Flag("--verbose"))
            throw new UsageException("--quiet and --verbose contradict each other; pick one");
        if (reader.Flag("--no-config") && reader.Value("--config") is not null)
            throw new UsageException("--no-config and --config contradict each other; pick one");
        var stdinFileName = reader.Value("--stdin-filename");
        if (stdinFileName is { Length: 0 })
            throw new UsageException("--stdin-filename needs a path");
        var configuration = reader.Flag("--no-config")
            ? LintConfiguration.Default
            : LoadConfiguration(reader.Value("--config"), environment, stdinFileName);
        configuration = RuleSelection.Apply(configuration, reader.Value("--select"), reader.Value("--ignore"));
        configuration = KubernetesVersionOption.Apply(reader, configuration);
        configuration = LimitOptions.Apply(reader, configuration);

        if (reader.Values("--schema-location") is { Count: > 0 } locations)
        {
            foreach (var location in locations)
            {
                if (!Directory.Exists(location))
                    throw new UsageException($"--schema-location {location} is not a folder");
            }

            configuration = configuration with { SchemaLocations = locations.Select(Path.GetFullPath).ToArray() };
        }

        var paths = reader.Positionals.Count > 0 ? reader.Positionals : ["."];
        var changedSince = reader.Value("--changed-since");
        var changes = changedSince is null ? null : ChangedFiles(changedSince, paths, environment);
        if (reader.Flag("--only-changed-lines") && changes is null)
            throw new UsageException("--only-changed-lines needs --changed-since REV");
        var patches = new List<Engine.Loading.SkippedInput>();
        var baseline = BaselineOptions.Read(reader, configuration, environment);
        var inputs = KustomizePatchFilter.Apply(InputCollector.CollectInputs(changes?.Select(change => change.Path).ToList() ?? paths, environment, configuration, stdinFileName, pathsNamedByUser: changes is null), input => input.DisplayPath, environment, patches)
            .Where(input => !baseline.IsBaselineFile(input.FullPath))
            .ToList();
        var result = new Linter(configuration, displayPath: fullPath => InputCollector.DisplayPath(fullPath, environment.WorkingDirectory)).Lint(inputs.Count, index => inputs[index].Read());
        if (patches.Count > 0)
            result = result with { Skipped = [.. patches, .. result.Skipped] };
        // Before the changed-lines filter: the baseline answers for whole files, and a hidden finding is not a stale entry.
        result = BaselineOptions.Apply(baseline, configuration, result, environment, inputs.Where(input => input.FullPath is not null).Select(input => input.FullPath!), format, quiet, reader.Flag("--verbose"));
        if (reader.Flag("--only-changed-lines"))
            result = result with { Findings = OnChangedLines(result.Findings, changedSince!, changes!, environment) };

        if (reader.Flag("--verbose"))
        {
            foreach (var skipped in result.Skipped)
            {
                var at = skipped.Position is { } position ? $":{position.Line}:{position.Column}" : string.Empty;
                environment.Stderr.WriteLine(Engine.Reporting.TerminalText.Clean($"{skipped.Path}{at}: skipped: {skipped.Reason}"));
            }
        }
        else if (!quiet)
        {
            ReportHelmTemplates(result, environment);
        }

        var outputPath = reader.Value("--output");
        var options = new ReportOptions(
            ManifestLintCli.Version,
            UseColor: outputPath is null && format == "text" && environment.UseColorFor(colorMode),
            SourceRoot: SourceRoot.For(inputs.Select(input => input.FullPath ?? Path.Combine(environment.WorkingDirectory, input.DisplayPath)), environment.WorkingDirectory),
            WorkingDirectory: environment.WorkingDirectory,
            AutomationId: AutomationId(reader.Value("--sarif-category"), paths),
            Quiet: quiet,
            Statistics: statistics);
        var reporter = Reporters.Create(format, options)!;
        OutputFile.Write(outputPath, environment, writer => reporter.Write(result, writer), inputs.Where(input => input.FullPath is not null).Select(input => input.FullPath!));
        return result.HasFindingsAtOrAbove(failLevel) && !reader.Flag("--exit-zero") ? ExitCodes.FindingsReported : ExitCodes.Success;
    }

    /// <summary>
    /// The SARIF run's <c>automationDetails.id</c>. It ends with <c>/</c>, so all of it is the category GitHub keeps
    /// apart: a run over other paths (a per-directory job) does not replace this run's alerts.
    /// </summary>
    internal static string AutomationId(string? category, IReadOnlyList<string> paths)
    {
        var named = paths.Select(path => Engine.Configuration.Glob.Normalize(path).TrimEnd('/')).Where(path => path is not ("." or ""));
        var id = category ?? "manifestlint/check/" + string.Join(",", named);
        return id.EndsWith("/", StringComparison.Ordinal) ? id : id + "/";
    }

    private static List<GitChanges.ChangedFile> ChangedFiles(string revision, IReadOnlyList<string> paths, CliEnvironment environment)
    {
        if (paths.Contains("-"))
            throw new UsageException("--changed-since takes its files from git; it does not combine with standard input (-)");
        GitChanges.RequireCommit(revision, "--changed-since", environment);
        return GitChanges.ChangedManifests(revision, paths, environment)
            .Where(change => !change.Deleted && File.Exists(Path.Combine(environment.WorkingDirectory, change.Path)))
            .ToList();
    }

    private static Finding[] OnChangedLines(IReadOnlyList<Finding> findings, string revision, List<GitChanges.ChangedFile> changes, CliEnvironment environment)
    {
        var linesByFile = new Dictionary<string, HashSet<int>?>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var displayPath = InputCollector.DisplayPath(Path.GetFullPath(Path.Combine(environment.WorkingDirectory, change.Path)), environment.WorkingDirectory);
            linesByFile[displayPath] = GitChanges.ChangedLines(revision, change, environment);
        }

        return findings
            .Where(finding => linesByFile.TryGetValue(finding.File, out var lines) && (lines is null || lines.Contains(finding.Start.Line)))
            .ToArray();
    }

    internal static LintConfiguration LoadConfiguration(string? explicitPath, CliEnvironment environment, string? stdinFileName = null)
    {
        if (explicitPath is not null)
        {
            var fullPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, explicitPath));
            if (!File.Exists(fullPath))
                throw new UsageException($"{explicitPath}: configuration file not found");
            return ConfigurationFile.Load(fullPath);
        }

        // Standard input named by --stdin-filename takes the configuration that file would have.
        var searchFrom = stdinFileName is null
            ? environment.WorkingDirectory
            : Path.GetDirectoryName(Path.GetFullPath(Path.Combine(environment.WorkingDirectory, stdinFileName)))!;
        return ConfigurationFile.Discover(searchFrom) is { } discovered
            ? ConfigurationFile.Load(discovered)
            : LintConfiguration.Default;
    }

    // Helm templates are skipped quietly like other non-manifests, but users need to know how to lint them.
    private static void ReportHelmTemplates(LintResult result, CliEnvironment environment)
    {
        var helm = result.Skipped.Where(skipped => skipped.Reason == Engine.Loading.ManifestLoader.HelmTemplateNote).ToArray();
        if (helm.Length > 0)
            environment.Stderr.WriteLine($"note: skipped {helm.Length} Helm template file(s) such as {helm[0].Path}: lint the rendered output with `helm template … | manifestlint check -`");
    }
}
