using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Hardening;

/// <summary><c>rollout</c> takes the input limits of <c>check</c> and never writes its report over an input.</summary>
public sealed class RolloutLimitTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 4
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27
        """;

    private static string Changed => Deployment.Replace("nginx:1.27", "nginx:1.28", StringComparison.Ordinal);

    [Fact]
    public void Limit_options_bound_the_files_replayed()
    {
        using var directory = new TempDirectory();
        directory.Write("web.yaml", Deployment);

        var unlimited = CliRunner.Run(directory.Path, "rollout", "web.yaml");
        Assert.Equal(0, unlimited.ExitCode);
        Assert.DoesNotContain("ML9005", unlimited.Stdout, StringComparison.Ordinal);

        var limited = CliRunner.Run(directory.Path, "rollout", "web.yaml", "--max-file-size", "100");
        Assert.Equal(1, limited.ExitCode);
        Assert.Contains("ML9005", limited.Stdout, StringComparison.Ordinal);
        Assert.Contains("--max-file-size", limited.Stdout, StringComparison.Ordinal);

        var shallow = CliRunner.Run(directory.Path, "rollout", "web.yaml", "--max-nesting-depth", "3");
        Assert.Equal(1, shallow.ExitCode);
        Assert.Contains("ML9005", shallow.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_options_bound_the_change_preview()
    {
        using var directory = new TempDirectory();
        directory.Write("old.yaml", Deployment);
        directory.Write("new.yaml", Changed);

        Assert.Equal(0, CliRunner.Run(directory.Path, "rollout", "--before", "old.yaml", "--after", "new.yaml").ExitCode);
        var shallow = CliRunner.Run(directory.Path, "rollout", "--before", "old.yaml", "--after", "new.yaml", "--max-nesting-depth", "3");
        Assert.Equal(1, shallow.ExitCode);
        Assert.Contains("ML9005", shallow.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_limit_is_a_usage_error()
    {
        using var directory = new TempDirectory();
        directory.Write("web.yaml", Deployment);
        var run = CliRunner.Run(directory.Path, "rollout", "web.yaml", "--max-documents", "many");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-documents must be a positive integer, not 'many'", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web.yaml", "rollout", "web.yaml")]
    [InlineData("web.yaml", "rollout", ".")]
    [InlineData("new.yaml", "rollout", "--before", "old.yaml", "--after", "new.yaml")]
    [InlineData("old.yaml", "rollout", "--before", "old.yaml", "--after", "new.yaml")]
    public void Output_over_an_input_is_refused_and_the_input_kept(string target, params string[] args)
    {
        using var directory = new TempDirectory();
        directory.Write("web.yaml", Deployment);
        directory.Write("old.yaml", Deployment);
        var after = directory.Write("new.yaml", Changed);
        var path = Path.Combine(directory.Path, target);
        var before = File.ReadAllText(path);

        var run = CliRunner.Run(directory.Path, [.. args, "--output", target]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{target}: refusing to write the report over one of the inputs", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(Changed, File.ReadAllText(after));
    }

    [Fact]
    public void Output_beside_the_inputs_is_written()
    {
        using var directory = new TempDirectory();
        directory.Write("web.yaml", Deployment);
        var run = CliRunner.Run(directory.Path, "rollout", "web.yaml", "--format", "json", "--output", "report.json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"web\"", File.ReadAllText(Path.Combine(directory.Path, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_in_the_working_tree_is_skipped_by_rollout_base_and_never_blocks_it()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var repository = new GitRepository();
        repository.Commit("web.yaml", Deployment, "web");
        repository.Commit("pipe.yaml", Deployment.Replace("name: web", "name: pipe", StringComparison.Ordinal), "pipe");
        repository.Write("web.yaml", Changed);
        // git does not list an untracked FIFO, but a tracked file replaced by one is a change to read.
        File.Delete(Path.Combine(repository.Path, "pipe.yaml"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(repository.Path, "pipe.yaml")))
            mkfifo.WaitForExit();

        // Opening a FIFO with no writer blocks forever: run aside so a regression fails instead of hanging.
        var run = await Task.Run(() => CliRunner.Run(repository.Path, "rollout", "--base", "HEAD")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("warning: pipe.yaml: not checked: not a regular file", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("web.yaml", run.Stdout, StringComparison.Ordinal);
    }
}
