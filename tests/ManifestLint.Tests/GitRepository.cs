using System.Diagnostics;

namespace ManifestLint.Tests;

/// <summary>A throwaway git repository in a temp folder, with fixed identities and dates so commits are reproducible.</summary>
internal sealed class GitRepository : IDisposable
{
    private readonly TempDirectory directory = new("manifestlint-git");
    private int commits;

    public GitRepository() => Git("init", "--quiet", "--initial-branch=main");

    public string Path => directory.Path;

    public void Write(string file, string text) => directory.Write(file, text);

    public void Commit(string file, string text, string message)
    {
        directory.Write(file, text);
        Git("add", "--", file);
        CommitStaged(message);
    }

    /// <summary>Commits what is staged, dated one day after the previous commit.</summary>
    public void CommitStaged(string message)
    {
        var date = $"2026-11-{++commits:00}T10:00:00Z";
        Git(new Dictionary<string, string> { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date }, "commit", "--quiet", "-m", message);
    }

    /// <summary>The commit id of HEAD.</summary>
    public string Head() => Git("rev-parse", "HEAD").Trim();

    public void Dispose() => directory.Dispose();

    /// <summary>Runs git in the repository, fails the test when it fails, and returns its standard output.</summary>
    public string Git(params string[] args) => Git(new Dictionary<string, string>(), args);

    private string Git(Dictionary<string, string> variables, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "ManifestLint Tests";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "tests@example.com";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        foreach (var (name, value) in variables)
            start.Environment[name] = value;
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error.Result}");
        return output;
    }
}
