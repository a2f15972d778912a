namespace ManifestLint.Cli;

/// <summary>Where a command's report goes: <c>--output FILE</c>, or stdout.</summary>
public static class OutputFile
{
    /// <summary>Writes to <paramref name="outputPath"/> (relative to the working directory), or to stdout when it is null.</summary>
    public static void Write(string? outputPath, CliEnvironment environment, Action<TextWriter> write)
    {
        if (outputPath is null)
        {
            write(environment.Stdout);
            return;
        }

        var fullPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, outputPath));
        try
        {
            using var writer = new StreamWriter(fullPath, append: false, new System.Text.UTF8Encoding(false));
            write(writer);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{outputPath}: cannot write: {exception.Message}");
        }
    }
}
