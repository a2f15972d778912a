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
          --format text|json|sarif|msbuild   output format (default: text)
          --output FILE                      write the report to FILE instead of stdout
          --fail-on error|warning|info       lowest level that makes the exit code 1 (default: error)
          --config FILE                      configuration file (default: nearest .manifestlint.yaml)
          --kubernetes-version X.Y[.Z]       target Kubernetes version, 1.29–1.37; X.Y means its newest patch
                                             (default: the configuration's, else 1.37)
          --schema-location DIR              CRD JSON schemas laid out as {group}/{kind}_{version}.json (repeatable)
          --verbose                          list skipped files and documents on stderr
        """ + "\n" + LimitOptions.Usage;

    private static readonly string[] ValueOptions = ["--format", "--output", "--fail-on", "--config", "--kubernetes-version", "--schema-location", .. LimitOptions.Names];
    private static readonly string[] Flags = ["--verbose", "--help", "-h"];
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
        RuleLevels.TryParse(reader.Choice("--fail-on", FailLevels, "error"), out var failLevel);
        var configuration = KubernetesVersionOption.Apply(reader, LoadConfiguration(reader.Value("--config"), environment));

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
        var inputs = InputCollector.CollectInputs(paths, environment, configuration);
        var result = new Linter(configuration).Lint(inputs.Count, index => inputs[index].Read());

        if (reader.Flag("--verbose"))
        {
            foreach (var skipped in result.Skipped)
            {
                var at = skipped.Position is { } position ? $":{position.Line}:{position.Column}" : string.Empty;
                environment.Stderr.WriteLine($"{skipped.Path}{at}: skipped: {skipped.Reason}");
            }
        }
        else
        {
            ReportHelmTemplates(result, environment);
        }

        var outputPath = reader.Value("--output");
        var options = new ReportOptions(
            ManifestLintCli.Version,
            UseColor: outputPath is null && format == "text" && environment.UseColor,
            SourceRoot: environment.WorkingDirectory);
        var reporter = Reporters.Create(format, options)!;
        OutputFile.Write(outputPath, environment, writer => reporter.Write(result, writer), inputs.Where(input => input.FullPath is not null).Select(input => input.FullPath!));
        return result.HasFindingsAtOrAbove(failLevel) ? ExitCodes.FindingsReported : ExitCodes.Success;
    }

    internal static LintConfiguration LoadConfiguration(string? explicitPath, CliEnvironment environment)
    {
        if (explicitPath is not null)
        {
            var fullPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, explicitPath));
            if (!File.Exists(fullPath))
                throw new UsageException($"{explicitPath}: configuration file not found");
            return ConfigurationFile.Load(fullPath);
        }

        return ConfigurationFile.Discover(environment.WorkingDirectory) is { } discovered
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
