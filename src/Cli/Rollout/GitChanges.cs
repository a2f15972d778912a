using System.ComponentModel;
using System.Diagnostics;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Cli.Rollout;

/// <summary>The manifests changed since a git revision, as before/after sources, read with <c>git</c> processes.</summary>
internal static class GitChanges
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    public static (List<SourceFile> Before, List<SourceFile> After) Since(string revision, IReadOnlyList<string> paths, CliEnvironment environment, InputLimits limits)
    {
        RequireCommit(revision, "--base", environment);

        var changed = ChangedManifests(revision, paths, environment).Select(change => change.Path);

        var before = new List<SourceFile>();
        var after = new List<SourceFile>();
        foreach (var path in changed)
        {
            if (Git(environment, "show", $"{revision}:./{path}") is { ExitCode: 0 } old)
                before.Add(new SourceFile($"{revision}:{path}", old.Output));
            if (LocalFiles.ReadRegular(path, Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path)), limits, environment) is { } current)
                after.Add(current);
        }

        return (before, after);
    }

    /// <summary>
    /// The manifests (by extension) under <paramref name="paths"/> that differ between <paramref name="revision"/> and
    /// the working tree, deleted ones included, plus untracked files git does not ignore; paths relative to the
    /// working directory, in ordinal order. The caller has checked <paramref name="revision"/>.
    /// </summary>
    public static IReadOnlyList<ChangedFile> ChangedManifests(string revision, IReadOnlyList<string> paths, CliEnvironment environment)
    {
        var pathspec = paths.Count > 0 ? paths : ["."];
        var changes = new List<ChangedFile>();
        var status = Lines(Git(environment, ["diff", "--name-status", "--relative", "-M", "-z", "--no-ext-diff", "--end-of-options", revision, "--", .. pathspec])).ToArray();
        for (var index = 0; index + 1 < status.Length; index += 2)
        {
            // Renames and copies carry the old path, then the new one; every other status one path.
            var code = status[index];
            var from = code[0] is 'R' or 'C' ? status[++index] : null;
            if (index + 1 < status.Length)
                changes.Add(new ChangedFile(status[index + 1], from, Tracked: true, Deleted: code == "D"));
        }

        changes.AddRange(Lines(Git(environment, ["ls-files", "--others", "--exclude-standard", "-z", "--", .. pathspec]))
            .Select(path => new ChangedFile(path, null, Tracked: false, Deleted: false)));
        return changes
            .Where(change => ManifestExtensions.Contains(Path.GetExtension(change.Path), StringComparer.OrdinalIgnoreCase))
            .DistinctBy(change => change.Path, StringComparer.Ordinal)
            .OrderBy(change => change.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The line numbers of <paramref name="change"/> that the diff since <paramref name="revision"/> adds or
    /// rewrites; <see langword="null"/> when the whole file is new to git.
    /// </summary>
    public static HashSet<int>? ChangedLines(string revision, ChangedFile change, CliEnvironment environment)
    {
        if (!change.Tracked)
            return null;
        var output = Git(environment, ["diff", "--unified=0", "--relative", "-M", "--no-color", "--no-ext-diff", "--end-of-options", revision, "--", .. change.RenamedFrom is { } from ? new[] { from, change.Path } : [change.Path]]);
        var lines = new HashSet<int>();
        foreach (var line in output.Output.Split('\n'))
        {
            if (HunkHeader.Match(line) is not { Success: true } hunk)
                continue;
            var first = int.Parse(hunk.Groups["start"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var count = hunk.Groups["count"].Success ? int.Parse(hunk.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            for (var number = first; number < first + count; number++)
                lines.Add(number);
        }

        return lines;
    }

    private static readonly System.Text.RegularExpressions.Regex HunkHeader = new(@"^@@ -\d+(?:,\d+)? \+(?<start>\d+)(?:,(?<count>\d+))? @@", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

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

    /// <param name="Path">The file now, relative to the working directory.</param>
    /// <param name="RenamedFrom">Its path at the revision, when git saw it renamed or copied.</param>
    /// <param name="Tracked">False for an untracked file, which is new as a whole.</param>
    internal sealed record ChangedFile(string Path, string? RenamedFrom, bool Tracked, bool Deleted);

    internal sealed record GitResult(int ExitCode, byte[] Bytes)
    {
        public string Output => System.Text.Encoding.UTF8.GetString(Bytes);
    }
}
