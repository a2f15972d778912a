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
    /// <c>exclude</c> applies to it as to a file). Only regular files are taken: FIFOs, devices and sockets are
    /// reported on stderr and skipped, and each directory is walked once by identity, so symlink loops end.
    /// </summary>
    public static List<ManifestInput> CollectInputs(IReadOnlyList<string> paths, CliEnvironment environment, LintConfiguration configuration, string? stdinFileName = null, bool pathsNamedByUser = true)
    {
        var excludes = configuration.Exclude.Select(pattern => new Glob(pattern)).ToArray();
        var excludeBase = configuration.SourcePath is null
            ? environment.WorkingDirectory
            : Path.GetDirectoryName(Path.GetFullPath(configuration.SourcePath))!;
        var inputs = new List<ManifestInput>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        var seenDirectories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (path == "-")
            {
                var text = ReadStandardInput(environment, configuration.Limits);
                if (stdinFileName is null)
                {
                    inputs.Add(new ManifestInput(SourceFile.StandardInputPath, null, text));
                }
                else
                {
                    var namedPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, stdinFileName));
                    if (ExcludedBy(namedPath) is null)
                        inputs.Add(new ManifestInput(DisplayPath(namedPath, environment.WorkingDirectory), null, text));
                }

                continue;
            }

            var fullPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path));
            var identity = LocalFiles.Identify(fullPath);
            switch (identity.Kind)
            {
                case FileKind.Directory:
                    foreach (var file in EnumerateManifests(fullPath, identity, seenDirectories, environment))
                        Add(file, explicitlyNamed: false);
                    break;
                case FileKind.Regular:
                    Add(new FoundFile(fullPath, identity.Id), explicitlyNamed: pathsNamedByUser);
                    break;
                case FileKind.Special:
                    WarnSpecial(path, environment);
                    break;
                default:
                    throw new UsageException($"{path}: no such file or directory");
            }
        }

        return inputs;

        void Add(FoundFile file, bool explicitlyNamed)
        {
            if (!seenFiles.Add(file.Identity))
                return;
            if (ExcludedBy(file.FullPath) is { } glob)
            {
                // A path the user typed and the configuration drops must not vanish silently.
                if (explicitlyNamed)
                    environment.Stderr.WriteLine($"warning: {DisplayPath(file.FullPath, environment.WorkingDirectory)}: not checked: excluded by '{glob.Pattern}' in {configuration.SourcePath}");
                return;
            }

            inputs.Add(new ManifestInput(DisplayPath(file.FullPath, environment.WorkingDirectory), file.FullPath, null) { Limits = configuration.Limits });
        }

        Glob? ExcludedBy(string fullPath)
        {
            if (excludes.Length == 0)
                return null;
            var relativeToConfig = Glob.Normalize(Path.GetRelativePath(excludeBase, fullPath));
            return excludes.FirstOrDefault(glob => glob.IsMatch(relativeToConfig));
        }
    }

    internal static void WarnSpecial(string path, CliEnvironment environment) =>
        environment.Stderr.WriteLine($"warning: {path}: not checked: not a regular file (a FIFO, device or socket)");

    // Read with a bound: standard input can be a device or an endless pipe.
    private static string ReadStandardInput(CliEnvironment environment, InputLimits limits)
    {
        var buffer = new char[8192];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = environment.Stdin.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > limits.MaxFileBytes)
                throw new UsageException($"standard input is larger than the {limits.MaxFileBytes}-byte limit ({InputLimits.HowToRaise(InputLimits.FileSizeKey)})");
        }

        return text.ToString();
    }

    /// <summary>The path relative to the working directory, with forward slashes, as findings show it.</summary>
    public static string DisplayPath(string fullPath, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, fullPath);
        return Glob.Normalize(relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative);
    }

    private readonly record struct FoundFile(string FullPath, string Identity);

    private static IEnumerable<FoundFile> EnumerateManifests(string directory, FileIdentity identity, HashSet<string> seenDirectories, CliEnvironment environment)
    {
        if (!seenDirectories.Add(identity.Id))
            yield break;
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
            {
                var fileIdentity = LocalFiles.Identify(file);
                if (fileIdentity.Kind == FileKind.Regular)
                    yield return new FoundFile(file, fileIdentity.Id);
                else if (fileIdentity.Kind == FileKind.Special)
                    WarnSpecial(DisplayPath(file, environment.WorkingDirectory), environment);
            }

            var subdirectories = Directory.EnumerateDirectories(current)
                .Where(sub => !SkippedDirectories.Contains(Path.GetFileName(sub)))
                .OrderByDescending(sub => sub, StringComparer.Ordinal);
            foreach (var sub in subdirectories)
            {
                // Symlinked directories are followed, but each directory is walked once: link loops end.
                var subIdentity = LocalFiles.Identify(sub);
                if (subIdentity.Kind == FileKind.Directory && seenDirectories.Add(subIdentity.Id))
                    pending.Push(sub);
            }
        }
    }

    internal static SourceFile ReadFile(string displayPath, string path, InputLimits limits)
    {
        try
        {
            return SourceReader.Read(displayPath, path, limits);
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
    public InputLimits Limits { get; init; } = InputLimits.Default;

    public SourceFile Read() => Text is not null ? new(DisplayPath, Text) : InputCollector.ReadFile(DisplayPath, FullPath!, Limits);
}
