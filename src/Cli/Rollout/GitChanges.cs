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
        RequireCommit(revision, "--base", environment);

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

    /// <summary>Checks that the working directory is in a repository and <paramref name="revision"/> names a commit.</summary>
    public static void RequireCommit(string revision, string option, CliEnvironment environment)
    {
        RequireRepository(option, environment);
        RequireRevisionText(revision, option);
        if (Git(environment, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}") is not { ExitCode: 0 })
            throw new UsageException($"{option} {revision}: no such revision");
    }

    public static void RequireRepository(string option, CliEnvironment environment)
    {
        if (Git(environment, "rev-parse", "--show-toplevel") is not { ExitCode: 0 })
            throw new UsageException($"{option} needs a git repository, and {environment.WorkingDirectory} is not inside one");
    }

    /// <summary>A revision is never read as an option: git would take <c>--output=…</c> as one.</summary>
    public static void RequireRevisionText(string revision, string option)
    {
        if (revision.Length == 0 || revision.StartsWith("-", StringComparison.Ordinal))
            throw new UsageException($"{option} '{revision}': a revision cannot be empty or start with '-'");
    }

    private static IEnumerable<string> Lines(GitResult? result) =>
        result is { ExitCode: 0 } ? result.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];

    internal static GitResult Git(CliEnvironment environment, params string[] arguments) => GitWithInput(environment, null, arguments);

    /// <summary>Runs git with <paramref name="input"/>, if any, on its standard input.</summary>
    internal static GitResult GitWithInput(CliEnvironment environment, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = environment.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start) ?? throw new UsageException("cannot start git");
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }

            reading.Wait();
            process.WaitForExit();
            _ = error.Result;
            return new GitResult(process.ExitCode, output.ToArray());
        }
        catch (Win32Exception exception)
        {
            throw new UsageException($"git is needed on the PATH: {exception.Message}");
        }
    }

    internal sealed record GitResult(int ExitCode, byte[] Bytes)
    {
        public string Output => System.Text.Encoding.UTF8.GetString(Bytes);
    }
}
