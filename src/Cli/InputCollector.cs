using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Cli;

/// <summary>Expands the paths a user typed into source files: directories recursively, <c>-</c> for stdin.</summary>
public static class InputCollector
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "node_modules", "bin", "obj" };

    public static List<SourceFile> Collect(IReadOnlyList<string> paths, CliEnvironment environment, LintConfiguration configuration)
    {
        var excludes = configuration.Exclude.Select(pattern => new Glob(pattern)).ToArray();
        var excludeBase = configuration.SourcePath is null
            ? environment.WorkingDirectory
            : Path.GetDirectoryName(Path.GetFullPath(configuration.SourcePath))!;
        var files = new List<SourceFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path == "-")
            {
                files.Add(new SourceFile(SourceFile.StandardInputPath, environment.Stdin.ReadToEnd()));
                continue;
            }

            var fullPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path));
            if (Directory.Exists(fullPath))
            {
                foreach (var file in EnumerateManifests(fullPath))
                    Add(file);
            }
            else if (File.Exists(fullPath))
            {
                Add(fullPath);
            }
            else
            {
                throw new UsageException($"{path}: no such file or directory");
            }
        }

        return files;

        void Add(string fullPath)
        {
            if (!seen.Add(fullPath))
                return;
            var relativeToConfig = Glob.Normalize(Path.GetRelativePath(excludeBase, fullPath));
            if (excludes.Any(glob => glob.IsMatch(relativeToConfig)))
                return;
            files.Add(new SourceFile(DisplayPath(fullPath, environment.WorkingDirectory), ReadFile(fullPath)));
        }
    }

    /// <summary>The path relative to the working directory, with forward slashes, as findings show it.</summary>
    public static string DisplayPath(string fullPath, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, fullPath);
        return Glob.Normalize(relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative);
    }

    private static IEnumerable<string> EnumerateManifests(string directory)
    {
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            var entries = new List<string>();
            foreach (var file in Directory.EnumerateFiles(current))
            {
                if (ManifestExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    entries.Add(file);
            }

            entries.Sort(StringComparer.Ordinal);
            foreach (var file in entries)
                yield return file;

            var subdirectories = Directory.EnumerateDirectories(current)
                .Where(sub => !SkippedDirectories.Contains(Path.GetFileName(sub)))
                .OrderByDescending(sub => sub, StringComparer.Ordinal);
            foreach (var sub in subdirectories)
                pending.Push(sub);
        }
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read: {exception.Message}");
        }
    }
}
