using System.ComponentModel;
using System.Diagnostics;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Cli.Rollout;

/// <summary>The manifests changed since a git revision, as before/after sources, read with <c>git</c> processes.</summary>
internal static class GitChanges
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    public static (List<SourceFile> Before, List<SourceFile> After) Since(string revision, IReadOnlyList<string> paths, CliEnvironment environment)
    {
        if (Git(environment, "rev-parse", "--show-toplevel") is not { ExitCode: 0 })
            throw new UsageException($"--base needs a git repository, and {environment.WorkingDirectory} is not inside one");
        if (Git(environment, "rev-parse", "--verify", "--quiet", revision + "^{commit}") is not { ExitCode: 0 })
            throw new UsageException($"--base {revision}: no such revision");

        var pathspec = paths.Count > 0 ? paths : ["."];
        var changed = Lines(Git(environment, ["diff", "--name-only", "--relative", "-z", revision, "--", .. pathspec]))
            .Concat(Lines(Git(environment, ["ls-files", "--others", "--exclude-standard", "-z", "--", .. pathspec])))
            .Where(path => ManifestExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        var before = new List<SourceFile>();
        var after = new List<SourceFile>();
        foreach (var path in changed)
        {
            if (Git(environment, "show", $"{revision}:./{path}") is { ExitCode: 0 } old)
                before.Add(new SourceFile($"{revision}:{path}", old.Output));
            var fullPath = Path.Combine(environment.WorkingDirectory, path);
            if (File.Exists(fullPath))
                after.Add(new SourceFile(path, File.ReadAllText(fullPath)));
        }

        return (before, after);
    }

    private static IEnumerable<string> Lines(GitResult? result) =>
        result is { ExitCode: 0 } ? result.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];

    private static GitResult? Git(CliEnvironment environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = environment.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start) ?? throw new UsageException("--base: cannot start git");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = error.Result;
            return new GitResult(process.ExitCode, output);
        }
        catch (Win32Exception exception)
        {
            throw new UsageException($"--base needs git on the PATH: {exception.Message}");
        }
    }

    private sealed record GitResult(int ExitCode, string Output);
}
