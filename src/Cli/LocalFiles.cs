using ManifestLint.Engine.Loading;

namespace ManifestLint.Cli;

/// <summary>The engine's <see cref="FileIdentity"/>, with symlinks resolved where it has no <c>stat</c> (Windows).</summary>
internal static class LocalFiles
{
    public static FileIdentity Identify(string path) => FileIdentity.Of(path, FinalTarget);

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
