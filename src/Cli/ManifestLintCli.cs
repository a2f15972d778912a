using ManifestLint.Cli.Commands;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Cli;

/// <summary>The entry point: picks the command and turns every expected failure into exit code 2 and one line.</summary>
public static class ManifestLintCli
{
    public const string Usage = """
        manifestlint: rollout-safety linter for Kubernetes manifests

        Usage:
          manifestlint check [PATH...] [options]    lint manifests (default command)
          manifestlint rollout [PATH...] [options]  replay rollouts step by step; --before/--after or
                                                    --base GITREV preview a change
          manifestlint rules [--format F]           list every rule (text, markdown, json)
          manifestlint explain ID|NAME              show a rule's documentation
          manifestlint --version

        Run 'manifestlint COMMAND --help' for a command's options.
        """;

    public static string Version { get; } =
        typeof(ManifestLintCli).Assembly.GetName().Version is { } version ? $"{version.Major}.{version.Minor}.{version.Build}" : "0.0.0";

    private static readonly Dictionary<string, Func<IReadOnlyList<string>, CliEnvironment, int>> Commands = new(StringComparer.Ordinal)
    {
        ["check"] = CheckCommand.Run,
        ["rollout"] = RolloutCommand.Run,
        ["rules"] = RulesCommand.Run,
        ["explain"] = ExplainCommand.Run,
    };

    public static int Run(string[] args, CliEnvironment environment)
    {
        try
        {
            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                environment.Stdout.WriteLine(Usage);
                return ExitCodes.Success;
            }

            if (args[0] is "--version" or "version")
            {
                environment.Stdout.WriteLine(Version);
                return ExitCodes.Success;
            }

            // `manifestlint deploy/` means `manifestlint check deploy/`, as pre-commit hooks call it.
            return Commands.TryGetValue(args[0], out var command)
                ? command(args.Skip(1).ToArray(), environment)
                : args[0].StartsWith("-", StringComparison.Ordinal) || File.Exists(Path.Combine(environment.WorkingDirectory, args[0])) || Directory.Exists(Path.Combine(environment.WorkingDirectory, args[0]))
                    ? CheckCommand.Run(args, environment)
                    : throw new UsageException($"unknown command '{args[0]}'{Engine.Spelling.Hint(args[0], Commands.Keys)} (expected {string.Join(", ", Commands.Keys)}); see manifestlint --help");
        }
        catch (UsageException exception)
        {
            environment.Stderr.WriteLine($"manifestlint: {exception.Message}");
            return ExitCodes.UsageOrInputError;
        }
        catch (ConfigurationException exception)
        {
            environment.Stderr.WriteLine($"manifestlint: invalid configuration: {exception.Message}");
            return ExitCodes.UsageOrInputError;
        }
        catch (Exception exception)
        {
            // Never a stack trace: one line naming the failure, exit 2.
            environment.Stderr.WriteLine($"manifestlint: internal error: {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.UsageOrInputError;
        }
    }
}
