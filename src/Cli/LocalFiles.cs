using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Cli;

/// <summary>The engine's <see cref="FileIdentity"/>, with symlinks resolved where it has no <c>stat</c> (Windows).</summary>
internal static class LocalFiles
{
    public static FileIdentity Identify(string path) => FileIdentity.Of(path, FinalTarget);

    /// <summary>
    /// Reads a file met outside the input walk (a git working tree) as the walk would: regular files only, within the
    /// limits. Null when it is missing, or when it is a FIFO, device or socket (then with a warning).
    /// </summary>
    public static SourceFile? ReadRegular(string displayPath, string fullPath, InputLimits limits, CliEnvironment environment)
    {
        switch (Identify(fullPath).Kind)
        {
            case FileKind.Regular:
                return SourceReader.Read(displayPath, fullPath, limits);
            case FileKind.Special:
                InputCollector.WarnSpecial(displayPath, environment);
                return null;
            default:
                return null;
        }
    }

    private static string FinalTarget(string fullPath)
    {
        FileSystemInfo info = Directory.Exists(fullPath) ? new DirectoryInfo(fullPath) : new FileInfo(fullPath);
        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (IOException)
        {
            return info.FullName;
        }
    }
}
