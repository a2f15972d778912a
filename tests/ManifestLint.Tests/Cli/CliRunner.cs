using ManifestLint.Cli;

namespace ManifestLint.Tests.Cli;

/// <summary>What one in-process CLI run printed and returned.</summary>
internal sealed record CliRun(string[] Args, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The snapshot form: output split into lines so diffs stay readable.</summary>
    public object Snapshot() => new
    {
        Args,
        ExitCode,
        Stdout = Stdout.Split('\n'),
        Stderr = Stderr.Split('\n'),
    };
}

/// <summary>Runs <see cref="ManifestLintCli"/> in-process with captured streams and a controlled environment.</summary>
internal static class CliRunner
{
    public static CliRun Run(string workingDirectory, params string[] args) => Run(workingDirectory, new RunOptions(), args);

    public static CliRun Run(string workingDirectory, RunOptions options, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var environment = new CliEnvironment(
            new StringReader(options.Stdin ?? string.Empty),
            stdout,
            stderr,
            workingDirectory,
            options.StdoutIsTerminal,
            name => options.Variables is not null && options.Variables.TryGetValue(name, out var value) ? value : null);
        var exitCode = ManifestLintCli.Run(args, environment);
        return new CliRun(args, exitCode, stdout.ToString(), stderr.ToString());
    }

    internal sealed record RunOptions(string? Stdin = null, bool StdoutIsTerminal = false, IReadOnlyDictionary<string, string>? Variables = null);
}
