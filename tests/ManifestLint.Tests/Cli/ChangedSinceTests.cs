using ManifestLint.Cli;

namespace ManifestLint.Tests.Cli;

/// <summary><c>check --changed-since REV</c> and <c>--only-changed-lines</c> in real temporary git repositories.</summary>
public sealed class ChangedSinceTests
{
    // ML9002 (duplicate key) is reported at the second key: line 7 here.
    private const string Duplicated = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: \"1\"\n  a: \"2\"\n";
    private const string Clean = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: \"1\"\n";

    [Fact]
    public void Lints_only_the_files_modified_since_the_revision()
    {
        using var repository = new GitRepository();
        repository.Commit("edited.yaml", Clean, "edited");
        repository.Commit("untouched.yaml", Duplicated, "untouched");
        repository.Write("edited.yaml", Duplicated);

        var run = Check(repository, "--changed-since", "HEAD");

        Assert.Equal(["edited.yaml:7"], Locations(run));
        Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
    }

    [Fact]
    public void Lints_staged_and_untracked_files_but_not_ignored_ones()
    {
        using var repository = new GitRepository();
        repository.Commit(".gitignore", "ignored/\n", "ignore");
        repository.Write("staged.yaml", Duplicated);
        repository.Git("add", "--", "staged.yaml");
        repository.Write("k8s/untracked.yaml", Duplicated);
        repository.Write("ignored/generated.yaml", Duplicated);

        Assert.Equal(["k8s/untracked.yaml:7", "staged.yaml:7"], Locations(Check(repository, "--changed-since", "HEAD")));
        Assert.Equal(["k8s/untracked.yaml:7", "staged.yaml:7"], Locations(Check(repository, "--changed-since", "HEAD", "--only-changed-lines")));
    }

    [Fact]
    public void A_renamed_file_is_linted_under_its_new_name_and_a_pure_rename_changes_no_line()
    {
        using var repository = new GitRepository();
        repository.Commit("old.yaml", Duplicated, "old");
        repository.Git("mv", "old.yaml", "new.yaml");

        Assert.Equal(["new.yaml:7"], Locations(Check(repository, "--changed-since", "HEAD")));
        Assert.Empty(Locations(Check(repository, "--changed-since", "HEAD", "--only-changed-lines")));
    }

    [Fact]
    public void Deleted_files_are_skipped()
    {
        using var repository = new GitRepository();
        repository.Commit("staged-delete.yaml", Duplicated, "one");
        repository.Commit("worktree-delete.yaml", Duplicated, "two");
        repository.Git("rm", "--quiet", "--", "staged-delete.yaml");
        File.Delete(Path.Combine(repository.Path, "worktree-delete.yaml"));

        var run = Check(repository, "--changed-since", "HEAD");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout + run.Stderr);
    }

    [Fact]
    public void Only_changed_lines_keeps_the_findings_on_lines_the_diff_adds()
    {
        using var repository = new GitRepository();
        repository.Commit("app.yaml", Duplicated, "app");
        repository.Commit("earlier.yaml", Duplicated, "earlier");
        repository.Write("app.yaml", Duplicated + "  b: \"1\"\n  b: \"2\"\n");

        Assert.Equal(["app.yaml:7", "app.yaml:9"], Locations(Check(repository, "--changed-since", "HEAD")));
        Assert.Equal(["app.yaml:9"], Locations(Check(repository, "--changed-since", "HEAD", "--only-changed-lines")));
        Assert.Equal(["app.yaml:9", "earlier.yaml:7"], Locations(Check(repository, "--changed-since", "HEAD~1", "--only-changed-lines")));
    }

    [Fact]
    public void Paths_restrict_the_changed_files()
    {
        using var repository = new GitRepository();
        repository.Write("base/a.yaml", Duplicated);
        repository.Write("overlays/b.yaml", Duplicated);
        repository.Commit("README.md", "sample\n", "start");

        Assert.Equal(["overlays/b.yaml:7"], Locations(Check(repository, "overlays", "--changed-since", "HEAD")));
    }

    [Fact]
    public void Changed_files_that_the_configuration_excludes_are_skipped_quietly()
    {
        using var repository = new GitRepository();
        repository.Commit(".manifestlint.yaml", "exclude:\n  - generated/**\n", "config");
        repository.Write("generated/app.yaml", Duplicated);
        repository.Write("app.yaml", Duplicated);

        var run = Check(repository, "--changed-since", "HEAD");

        Assert.Equal(["app.yaml:7"], Locations(run));
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Theory]
    [InlineData("--output=x", "manifestlint: --changed-since '--output=x': a revision cannot be empty or start with '-'")]
    [InlineData("", "manifestlint: --changed-since '': a revision cannot be empty or start with '-'")]
    [InlineData("no-such-branch", "manifestlint: --changed-since no-such-branch: no such revision")]
    public void A_revision_that_is_not_a_commit_is_a_usage_error(string revision, string message)
    {
        using var repository = new GitRepository();
        repository.Commit("app.yaml", Duplicated, "app");

        var run = Check(repository, "--changed-since=" + revision);

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Equal(message + "\n", run.Stderr);
        Assert.Equal(["app.yaml"], Directory.GetFiles(repository.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Outside_a_repository_and_without_changed_since_are_usage_errors()
    {
        using var folder = new TempDirectory();
        folder.Write("app.yaml", Duplicated);

        var outside = CliRunner.Run(folder.Path, "check", "--changed-since", "HEAD");
        var linesAlone = CliRunner.Run(folder.Path, "check", "--only-changed-lines");

        Assert.Equal(ExitCodes.UsageOrInputError, outside.ExitCode);
        Assert.StartsWith("manifestlint: --changed-since needs a git repository", outside.Stderr, StringComparison.Ordinal);
        Assert.Equal((ExitCodes.UsageOrInputError, "manifestlint: --only-changed-lines needs --changed-since REV\n"), (linesAlone.ExitCode, linesAlone.Stderr));
    }

    private static CliRun Check(GitRepository repository, params string[] args) =>
        CliRunner.Run(repository.Path, ["check", "--select", "ML9002", "--quiet", .. args]);

    /// <summary>The <c>file:line</c> of every finding in text output.</summary>
    private static string[] Locations(CliRun run) =>
        run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => string.Join(':', line.Split(':').Take(2)))
            .ToArray();
}
