using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Reporting;

namespace ManifestLint.Cli;

/// <summary><c>check --baseline</c>, <c>--write-baseline</c> and <c>--no-baseline</c>, and the configuration's <c>baseline:</c>.</summary>
public static class BaselineOptions
{
    public static IReadOnlyCollection<string> ValueNames { get; } = ["--baseline", "--write-baseline"];

    public static IReadOnlyCollection<string> FlagNames { get; } = ["--no-baseline"];

    public const string Usage = """
          --baseline FILE                    report only the findings FILE does not record, and how many of its
                                             entries no longer match (default: the configuration's baseline:)
          --write-baseline FILE              record this run's findings in FILE and report none of them; with a
                                             baseline in use, its entries for files this run did not lint are kept
          --no-baseline                      ignore the configuration's baseline: and report every finding
        """;

    /// <summary>The baseline in use (<c>--baseline</c>, else the configuration's unless <c>--no-baseline</c>) and the one to write.</summary>
    /// <param name="InUse">Full path of the baseline in use, or null.</param>
    /// <param name="InUseName">The baseline in use as messages name it.</param>
    /// <param name="Written">Full path of <c>--write-baseline</c>, or null.</param>
    /// <param name="WrittenName">The <c>--write-baseline</c> argument.</param>
    public sealed record Request(string? InUse, string? InUseName, string? Written, string? WrittenName)
    {
        /// <summary>A baseline file is never an input, though it is a *.json file in the tree.</summary>
        public bool IsBaselineFile(string? fullPath) =>
            fullPath is not null && (string.Equals(fullPath, InUse, StringComparison.Ordinal) || string.Equals(fullPath, Written, StringComparison.Ordinal));
    }

    public static Request Read(ArgumentReader reader, LintConfiguration configuration, CliEnvironment environment)
    {
        var named = PathOption(reader, "--baseline");
        var written = PathOption(reader, "--write-baseline");
        if (named is not null && reader.Flag("--no-baseline"))
            throw new UsageException("--baseline and --no-baseline contradict each other; pick one");
        var inUse = reader.Flag("--no-baseline") ? null : named is not null ? FullPath(named, environment) : configuration.BaselinePath;
        var inUseName = named ?? (inUse is null ? null : InputCollector.DisplayPath(inUse, environment.WorkingDirectory));
        var writtenFullPath = written is null ? null : FullPath(written, environment);
        // A baseline file is left out of the inputs and replaced: make sure it is one, not a manifest mistyped.
        if (writtenFullPath is not null && File.Exists(writtenFullPath))
        {
            try
            {
                Baseline.Load(writtenFullPath, written!);
            }
            catch (BaselineException)
            {
                throw new UsageException($"{written}: exists and is not a baseline file; refusing to overwrite it");
            }
        }

        return new Request(inUse, inUseName, writtenFullPath, written);
    }

    /// <summary>
    /// Writes the baseline when asked, then leaves out of <paramref name="result"/> the findings the baseline in use
    /// (or the one just written) records.
    /// </summary>
    /// <param name="inputs">The full paths of the inputs, which the baseline must not overwrite.</param>
    public static LintResult Apply(Request request, LintConfiguration configuration, LintResult result, CliEnvironment environment, IEnumerable<string> inputs, string format, bool quiet, bool verbose)
    {
        if (request.Written is not null)
            return Write(request, configuration, result, environment, inputs, quiet);
        if (request.InUse is not { } inUse || request.InUseName is not { } name)
            return result;

        var directory = Path.GetDirectoryName(inUse)!;
        var fileOf = FileOf(directory, environment);
        var filtered = Load(inUse, name).Apply(result, name, finding => fileOf(finding.File), Baseline.Covers(result.FilePaths.Select(fileOf), configuration, directory), out var match);
        if (verbose)
        {
            foreach (var entry in match.Stale)
            {
                var resource = entry.Kind is null ? string.Empty : entry.Namespace is null ? $" ({entry.Kind} {entry.Name})" : $" ({entry.Kind} {entry.Namespace}/{entry.Name})";
                var times = entry.Count == 1 ? string.Empty : $" ({entry.Count} times)";
                environment.Stderr.WriteLine(TerminalText.Clean($"{name}: entry no longer matches: {entry.File}: [{entry.Rule}] {entry.Message}{resource}{times}"));
            }
        }

        // The text format's summary line says it already; other formats are for machines, and users read stderr.
        if (match.StaleCount > 0 && !quiet && format != "text")
            environment.Stderr.WriteLine(TerminalText.Clean($"note: {Entries(match.StaleCount)} of {name} no longer {(match.StaleCount == 1 ? "matches" : "match")} a finding; --write-baseline {name} drops {(match.StaleCount == 1 ? "it" : "them")}"));
        return filtered;
    }

    private static LintResult Write(Request request, LintConfiguration configuration, LintResult result, CliEnvironment environment, IEnumerable<string> inputs, bool quiet)
    {
        var directory = Path.GetDirectoryName(request.Written)!;
        var fileOf = FileOf(directory, environment);
        var covers = Baseline.Covers(result.FilePaths.Select(fileOf), configuration, directory);
        var baseline = Baseline.From(result.Findings, finding => fileOf(finding.File));
        // A run over part of the tree updates that part: the rest of the baseline in use is carried over.
        if (request.InUse is { } inUse && File.Exists(inUse))
            baseline = Load(inUse, request.InUseName!).Moved(Path.GetDirectoryName(inUse)!, directory).Update(baseline, covers);

        OutputFile.Write(request.WrittenName, environment, baseline.Write, inputs);
        if (!quiet)
            environment.Stderr.WriteLine(TerminalText.Clean($"note: wrote {Entries(baseline.Entries.Sum(entry => entry.Count))} to {request.WrittenName}"));
        return baseline.Apply(result, request.WrittenName!, finding => fileOf(finding.File), covers, out _);
    }

    private static string? PathOption(ArgumentReader reader, string option) =>
        reader.Value(option) is { Length: 0 } ? throw new UsageException($"{option} needs a path") : reader.Value(option);

    private static string FullPath(string path, CliEnvironment environment) => Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path));

    // Finding paths are relative to the working directory; entries name files relative to the baseline's folder.
    private static Func<string, string> FileOf(string baselineDirectory, CliEnvironment environment) =>
        path => path == SourceFile.StandardInputPath ? path : Baseline.FileOf(baselineDirectory, FullPath(path, environment));

    private static Baseline Load(string fullPath, string name)
    {
        try
        {
            return Baseline.Load(fullPath, name);
        }
        catch (BaselineException exception)
        {
            throw new UsageException(exception.Message);
        }
    }

    private static string Entries(int count) => count == 1 ? "1 baseline entry" : $"{count} baseline entries";
}
