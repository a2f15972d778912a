using ManifestLint.Cli;

namespace ManifestLint.Tests.Simulation;

/// <summary>Runs the CLI in-process and captures what a snapshot needs.</summary>
internal static class CliRunner
{
    public static string InputsDirectory => Path.Combine(TestSupport.RepositoryRoot, "tests", "ManifestLint.Tests", "Simulation", "Inputs");

    public static CliRun Run(string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var environment = new CliEnvironment(new StringReader(string.Empty), stdout, stderr, workingDirectory, StdoutIsTerminal: false, _ => null);
        var exitCode = ManifestLintCli.Run(args, environment);
        return new CliRun(args, exitCode, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>One CLI run; the snapshot form splits output into lines so diffs stay readable.</summary>
internal sealed record CliRun(string[] Args, int ExitCode, string Stdout, string Stderr)
{
    public object Snapshot() => new
    {
        Args,
        ExitCode,
        Stdout = Stdout.Split('\n'),
        Stderr = Stderr.Split('\n'),
    };
}
