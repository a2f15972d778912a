namespace ManifestLint.Cli;

/// <summary>Everything the CLI takes from its process, so tests can run it in-process.</summary>
public sealed record CliEnvironment(
    TextReader Stdin,
    TextWriter Stdout,
    TextWriter Stderr,
    string WorkingDirectory,
    bool StdoutIsTerminal,
    Func<string, string?> GetVariable)
{
    public static CliEnvironment FromProcess() => new(
        Console.In,
        Console.Out,
        Console.Error,
        Environment.CurrentDirectory,
        !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable);

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).</summary>
    public bool UseColor => StdoutIsTerminal && string.IsNullOrEmpty(GetVariable("NO_COLOR"));
}
