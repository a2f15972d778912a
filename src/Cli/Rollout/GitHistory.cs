using System.Globalization;
using System.Text;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>
/// The versions of one manifest in git, oldest first: <c>git log --follow</c> for the commits (and the file's
/// name in each), one <c>git cat-file --batch</c> for every version's text, and the working tree when it differs.
/// </summary>
internal static class GitHistory
{
    public const string WorkingTreeLabel = "working tree";

    /// <param name="path">The manifest, relative to the working directory.</param>
    /// <param name="tip">The commit whose history is walked; null walks HEAD and adds uncommitted changes.</param>
    public static (List<ManifestVersion> Versions, List<RolloutProblem> Problems) Versions(string path, string? tip, CliEnvironment environment, InputLimits limits)
    {
        GitChanges.RequireRepository("rollout history", environment);
        if (tip is not null)
            GitChanges.RequireCommit(tip, "--base", environment);
        var fullPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path));
        if (Directory.Exists(fullPath))
            throw new UsageException($"rollout history takes one manifest file, and {path} is a folder");

        var log = GitChanges.Git(environment, ["log", "--follow", "--format=%x1e%H%x1f%ct%x1f%s", "--name-only", "-z", .. tip is null ? Array.Empty<string>() : ["--end-of-options", tip], "--", path]);
        var commits = log.ExitCode == 0 ? ParseLog(log.Output) : [];
        commits.Reverse();

        var texts = ReadBlobs(commits.Select(commit => $"{commit.Id}:{commit.Path}").ToList(), environment);
        // Loading is most of the work: the versions load in parallel and keep their order.
        var loaded = new (ManifestVersion Version, List<RolloutProblem> Problems)?[commits.Count];
        Parallel.For(0, commits.Count, i =>
        {
            if (texts[i] is not { } text)
                return;
            var commit = commits[i];
            var label = commit.Id.Substring(0, 7);
            loaded[i] = Load(new SourceFile($"{label}:{commit.Path}", text), label, commit.Id, DateTimeOffset.FromUnixTimeSeconds(commit.Time), commit.Subject);
        });
        var versions = loaded.OfType<(ManifestVersion Version, List<RolloutProblem> Problems)>().Select(item => item.Version).ToList();
        var problems = loaded.OfType<(ManifestVersion Version, List<RolloutProblem> Problems)>().SelectMany(item => item.Problems).ToList();

        if (tip is null && LocalFiles.ReadRegular(path, fullPath, limits, environment) is { } current)
        {
            if (commits.Count == 0 || texts[texts.Count - 1]?.TrimStart('\uFEFF') != current.Text.TrimStart('\uFEFF'))
            {
                var (version, versionProblems) = Load(current, WorkingTreeLabel, null, null, "uncommitted changes");
                versions.Add(version);
                problems.AddRange(versionProblems);
            }
        }

        if (versions.Count == 0)
            throw new UsageException($"rollout history: {path} has no committed version and is not in the working tree");
        return (versions, problems);
    }

    private static (ManifestVersion Version, List<RolloutProblem> Problems) Load(SourceFile file, string label, string? commit, DateTimeOffset? date, string subject)
    {
        var loaded = ManifestLoader.Load(file);
        var problems = loaded.Problems.Select(problem => new RolloutProblem(problem.RuleId, "error", file.Path, problem.Start.Line, problem.Start.Column, problem.Message)).ToList();
        return (ManifestVersion.From(label, commit, date, subject, loaded), problems);
    }

    private sealed record LogEntry(string Id, long Time, string Subject, string Path);

    // Records start with \x1e; each is "id\x1ftime\x1fsubject\0\npath\0" (no path for merges that kept the file).
    private static List<LogEntry> ParseLog(string output)
    {
        var entries = new List<LogEntry>();
        foreach (var record in output.Split('\x1e'))
        {
            var parts = record.Split('\0');
            var header = parts[0].Split('\x1f');
            var path = parts.Length > 1 ? parts[1].TrimStart('\n') : string.Empty;
            if (header.Length == 3 && path.Length > 0 && long.TryParse(header[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var time))
                entries.Add(new LogEntry(header[0], time, header[2], path));
        }

        return entries;
    }

    // "<oid> blob <size>\n<bytes>\n" per request, or "<request> missing\n".
    private static List<string?> ReadBlobs(List<string> objects, CliEnvironment environment)
    {
        var texts = new List<string?>(objects.Count);
        if (objects.Count == 0)
            return texts;
        var result = GitChanges.GitWithInput(environment, string.Join("\n", objects) + "\n", "cat-file", "--batch");
        var bytes = result.Bytes;
        var position = 0;
        for (var i = 0; i < objects.Count && position < bytes.Length; i++)
        {
            var lineEnd = Array.IndexOf(bytes, (byte)'\n', position);
            if (lineEnd < 0)
                break;
            var header = Encoding.UTF8.GetString(bytes, position, lineEnd - position).Split(' ');
            position = lineEnd + 1;
            if (header.Length == 3 && header[1] == "blob" && int.TryParse(header[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
            {
                texts.Add(Encoding.UTF8.GetString(bytes, position, size));
                position += size + 1;
            }
            else
            {
                texts.Add(null);
            }
        }

        while (texts.Count < objects.Count)
            texts.Add(null);
        return texts;
    }
}
