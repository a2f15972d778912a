using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Reporting;

namespace ManifestLint.Cli;

/// <summary>Where a command's report goes: <c>--output FILE</c>, or stdout.</summary>
public static class OutputFile
{
    /// <summary>
    /// Writes to <paramref name="outputPath"/> (relative to the working directory) whole or not at all, or to stdout
    /// when it is null. Refuses a target that is one of <paramref name="inputs"/>.
    /// </summary>
    public static void Write(string? outputPath, CliEnvironment environment, Action<TextWriter> write, IEnumerable<string>? inputs = null)
    {
        if (outputPath is null)
        {
            WriteStdout(environment, write);
            return;
        }

        var fullPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, outputPath));
        var target = LocalFiles.Identify(fullPath);
        if (target.Kind == FileKind.Regular && inputs is not null && inputs.Any(input => LocalFiles.Identify(input).Id == target.Id))
            throw new UsageException($"{outputPath}: refusing to write the report over one of the inputs");
        if (target.Kind == FileKind.Special)
            throw new UsageException($"{outputPath}: cannot write: not a regular file");
        try
        {
            ReportFile.Write(fullPath, write);
        }
        catch (IOException exception)
        {
            throw new UsageException($"{outputPath}: cannot write: {exception.Message}");
        }
    }

    // A closed pipe or a full disk is the user's to see in one line, not an internal error.
    private static void WriteStdout(CliEnvironment environment, Action<TextWriter> write)
    {
        try
        {
            write(environment.Stdout);
            environment.Stdout.Flush();
        }
        catch (IOException exception)
        {
            throw new UsageException($"cannot write to standard output: {exception.Message}");
        }
    }
}
