using System.Text;

namespace ManifestLint.Engine.Reporting;

/// <summary>
/// Writes a report file whole or not at all: into a temporary file beside the target, renamed over it once complete,
/// so a killed run leaves the old report and two concurrent runs never interleave. Shared by the CLI's
/// <c>--output</c> and the MSBuild task's SARIF file.
/// </summary>
public static class ReportFile
{
    /// <summary>Writes <paramref name="fullPath"/>, creating its folder.</summary>
    /// <exception cref="IOException">With a message fit for users: the target is a folder, or writing failed.</exception>
    public static void Write(string fullPath, Action<TextWriter> write)
    {
        if (Directory.Exists(fullPath))
            throw new IOException("it is a directory");
        var folder = Path.GetDirectoryName(fullPath)!;
        string temporary;
        try
        {
            Directory.CreateDirectory(folder);
            temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new IOException($"permission denied creating {folder}", exception);
        }

        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(fullPath))
                File.Replace(temporary, fullPath, destinationBackupFileName: null);
            else
                File.Move(temporary, fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new IOException(exception is UnauthorizedAccessException ? $"permission denied in {folder}" : exception.Message, exception);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the target was left as it was.
        }
    }
}
