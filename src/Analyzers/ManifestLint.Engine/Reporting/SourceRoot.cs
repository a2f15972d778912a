namespace ManifestLint.Engine.Reporting;

/// <summary>
/// The repository a file belongs to: the nearest folder above it that holds <c>.git</c> (a folder in a clone, a file
/// in a worktree or submodule). Code scanning places results relative to that root, not to the working directory.
/// </summary>
public static class SourceRoot
{
    /// <summary>The git work tree holding <paramref name="directory"/>, or null outside any.</summary>
    public static string? Repository(string directory) => new RepositoryFinder().Repository(directory);

    /// <summary>
    /// The root for a run: the one repository holding every file, else the repository of the working directory,
    /// else the working directory itself.
    /// </summary>
    public static string For(IEnumerable<string> fullPaths, string workingDirectory)
    {
        var finder = new RepositoryFinder();
        string? shared = null;
        var first = true;
        foreach (var path in fullPaths)
        {
            var root = finder.Repository(Path.GetDirectoryName(path) ?? workingDirectory);
            if (first)
            {
                shared = root;
                first = false;
            }
            else if (!string.Equals(shared, root, StringComparison.Ordinal))
            {
                shared = null;
                break;
            }
        }

        return shared ?? finder.Repository(workingDirectory) ?? Path.GetFullPath(workingDirectory);
    }

    /// <summary>
    /// <paramref name="fullPath"/> relative to <paramref name="root"/> with forward slashes, or null when it lies
    /// outside (netstandard2.0 has no Path.GetRelativePath).
    /// </summary>
    public static string? RelativeTo(string root, string fullPath)
    {
        var prefix = Path.GetFullPath(root).TrimEnd('/', '\\');
        var path = Path.GetFullPath(fullPath);
        if (path.Length <= prefix.Length + 1 || !path.StartsWith(prefix, StringComparison.Ordinal) || (path[prefix.Length] != '/' && path[prefix.Length] != '\\'))
            return null;
        return path.Substring(prefix.Length + 1).Replace('\\', '/');
    }
}

/// <summary>
/// Finds the git work trees of many folders, asking the file system once per folder: the files of a run share their
/// parents, and each folder costs two lookups.
/// </summary>
public sealed class RepositoryFinder
{
    private readonly Dictionary<string, string?> known = new(StringComparer.Ordinal);

    /// <summary>The git work tree holding <paramref name="directory"/>, or null outside any.</summary>
    public string? Repository(string directory)
    {
        var walked = new List<string>();
        string? found = null;
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var path = current.FullName;
            if (known.TryGetValue(path, out found))
                break;
            walked.Add(path);
            var marker = Path.Combine(path, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                found = path;
                break;
            }
        }

        foreach (var path in walked)
            known[path] = found;
        return found;
    }
}
