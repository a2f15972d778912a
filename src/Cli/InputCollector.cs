using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Cli;

/// <summary>Expands the paths a user typed into source files: directories recursively, <c>-</c> for stdin.</summary>
public static class InputCollector
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "node_modules", "bin", "obj" };

    /// <summary>Collects and reads every input.</summary>
    public static List<SourceFile> Collect(IReadOnlyList<string> paths, CliEnvironment environment, LintConfiguration configuration) =>
        CollectInputs(paths, environment, configuration).Select(input => input.Read()).ToList();


    /// <summary>
    /// Collects the inputs without reading files yet, so the linter can read them on its worker threads.
    /// Standard input is read here, once, and named <paramref name="stdinFileName"/> when one is given (then
    /// <c>exclude</c> applies to it as to a file).
    /// </summary>
    public static List<ManifestInput> CollectInputs(IReadOnlyList<string> paths, CliEnvironment environment, LintConfiguration configuration, string? stdinFileName = null)
    {
        var excludes = configuration.Exclude.Select(pattern => new Glob(pattern)).ToArray();
        var excludeBase = configuration.SourcePath is null
            ? environment.WorkingDirectory
            : Path.GetDirectoryName(Path.GetFullPath(configuration.SourcePath))!;
        var inputs = new List<ManifestInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path == "-")
            {
                var text = environment.Stdin.ReadToEnd();
                if (stdinFileName is null)
                {
                    inputs.Add(new ManifestInput(SourceFile.StandardInputPath, null, text));
                }
                else
                {
                    var namedPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, stdinFileName));
                    if (!IsExcluded(namedPath))
                        inputs.Add(new ManifestInput(DisplayPath(namedPath, environment.WorkingDirectory), null, text));
                }

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

        return inputs;

        void Add(string fullPath)
        {
            if (!seen.Add(fullPath) || IsExcluded(fullPath))
                return;
            inputs.Add(new ManifestInput(DisplayPath(fullPath, environment.WorkingDirectory), fullPath, null));
        }

        bool IsExcluded(string fullPath)
        {
            if (excludes.Length == 0)
                return false;
            var relativeToConfig = Glob.Normalize(Path.GetRelativePath(excludeBase, fullPath));
            return excludes.Any(glob => glob.IsMatch(relativeToConfig));
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

    internal static string ReadFile(string path)
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

/// <summary>One input to lint: a file, read when <see cref="Read"/> is called, or standard input, already read.</summary>
/// <param name="DisplayPath">The path as findings show it.</param>
/// <param name="FullPath">The file to read; null for standard input.</param>
/// <param name="Text">The content of standard input; null for a file.</param>
public sealed record ManifestInput(string DisplayPath, string? FullPath, string? Text)
{
    public SourceFile Read() => new(DisplayPath, Text ?? InputCollector.ReadFile(FullPath!));
}
