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
    /// <summary>
    /// The process's streams. Standard output is buffered and must be flushed before exit (<see cref="Flush"/>):
    /// Console.Out writes through on every call, and a report of thousands of findings spent a third of its time in
    /// write system calls.
    /// </summary>
    public static CliEnvironment FromProcess() => new(
        Console.In,
        new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { AutoFlush = false },
        Console.Error,
        Environment.CurrentDirectory,
        !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable);

    /// <summary>Writes out what the buffered streams hold.</summary>
    public void Flush()
    {
        Stdout.Flush();
        Stderr.Flush();
    }

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).</summary>
    public bool UseColor => UseColorFor("auto");

    /// <summary>
    /// <c>--color always|never</c> decide alone; <c>auto</c> honours NO_COLOR (https://no-color.org), then
    /// FORCE_COLOR (https://force-color.org, for CI logs that render colour), then whether stdout is a terminal.
    /// </summary>
    public bool UseColorFor(string mode) => mode switch
    {
        "always" => true,
        "never" => false,
        _ => string.IsNullOrEmpty(GetVariable("NO_COLOR"))
            && (GetVariable("FORCE_COLOR") is { Length: > 0 } force && force != "0" || StdoutIsTerminal),
    };
}
