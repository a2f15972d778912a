using System.Text.Json;
using ManifestLint.Cli;

namespace ManifestLint.Tests.Cli;

/// <summary>What GitHub code scanning needs from <c>check --format sarif</c>: repository-relative paths, named stdin, run categories.</summary>
public sealed class SarifCodeScanningTests : IDisposable
{
    private const string DuplicateKeyManifest = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          name: settings-v2
        """;

    private readonly TempDirectory repository = new("manifestlint-sarif");

    public SarifCodeScanningTests()
    {
        Directory.CreateDirectory(Path.Combine(repository.Path, ".git"));
        repository.Write("k8s/web.yaml", DuplicateKeyManifest);
    }

    public void Dispose() => repository.Dispose();

    [Fact]
    public void Paths_are_relative_to_the_repository_root_when_run_from_a_subfolder()
    {
        var run = CliRunner.Run(Path.Combine(repository.Path, "k8s"), "check", "--format", "sarif", "web.yaml");

        var sarifRun = SarifRun(run);
        Assert.Equal("k8s/web.yaml", ArtifactLocation(sarifRun).GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", ArtifactLocation(sarifRun).GetProperty("uriBaseId").GetString());
        Assert.EndsWith("/", sarifRun.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(new Uri(repository.Path + "/").AbsoluteUri, sarifRun.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
    }

    [Fact]
    public void A_git_file_marks_a_worktree_root_too()
    {
        Directory.Delete(Path.Combine(repository.Path, ".git"));
        repository.Write(".git", "gitdir: /somewhere/else\n");

        var run = CliRunner.Run(Path.Combine(repository.Path, "k8s"), "check", "--format", "sarif", ".");

        Assert.Equal("k8s/web.yaml", ArtifactLocation(SarifRun(run)).GetProperty("uri").GetString());
    }

    [Fact]
    public void Outside_a_repository_paths_are_relative_to_the_working_directory()
    {
        Directory.Delete(Path.Combine(repository.Path, ".git"));

        var run = CliRunner.Run(Path.Combine(repository.Path, "k8s"), "check", "--format", "sarif", "web.yaml");

        Assert.Equal("web.yaml", ArtifactLocation(SarifRun(run)).GetProperty("uri").GetString());
    }

    [Fact]
    public void Stdin_filename_names_standard_input_in_every_format()
    {
        var options = new CliRunner.RunOptions(Stdin: DuplicateKeyManifest);

        var sarif = CliRunner.Run(Path.Combine(repository.Path, "k8s"), options, "check", "--format", "sarif", "--stdin-filename", "piped/app.yaml", "-");
        var text = CliRunner.Run(Path.Combine(repository.Path, "k8s"), options, "check", "--stdin-filename", "piped/app.yaml", "-");

        Assert.Equal("k8s/piped/app.yaml", ArtifactLocation(SarifRun(sarif)).GetProperty("uri").GetString());
        Assert.StartsWith("piped/app.yaml:5:3: error[ML9002]", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_filename_picks_the_configuration_and_exclude_of_that_path()
    {
        repository.Write("k8s/generated/.manifestlint.yaml", "rules:\n  ML9002: warning\n");
        repository.Write("k8s/.manifestlint.yaml", "exclude:\n  - vendor/**\n");
        var options = new CliRunner.RunOptions(Stdin: DuplicateKeyManifest);

        var configured = CliRunner.Run(repository.Path, options, "check", "--stdin-filename", "k8s/generated/app.yaml", "-");
        var excluded = CliRunner.Run(Path.Combine(repository.Path, "k8s"), options, "check", "--stdin-filename", "vendor/app.yaml", "-");

        Assert.Equal(ExitCodes.Success, configured.ExitCode);
        Assert.StartsWith("k8s/generated/app.yaml:5:3: warning[ML9002]", configured.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, excluded.ExitCode);
        Assert.DoesNotContain("ML9002", excluded.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "." }, "manifestlint/check/")]
    [InlineData(new[] { "k8s/", "web.yaml" }, "manifestlint/check/k8s,web.yaml/")]
    [InlineData(new[] { "--sarif-category", "deploy/prod", "." }, "deploy/prod/")]
    public void Automation_id_keeps_runs_over_different_paths_apart(string[] arguments, string id)
    {
        repository.Write("web.yaml", DuplicateKeyManifest);

        var run = CliRunner.Run(repository.Path, ["check", "--format", "sarif", .. arguments]);

        Assert.Equal(id, SarifRun(run).GetProperty("automationDetails").GetProperty("id").GetString());
    }

    private static JsonElement SarifRun(CliRun run)
    {
        Assert.True(run.ExitCode <= ExitCodes.FindingsReported, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.GetProperty("runs")[0];
    }

    private static JsonElement ArtifactLocation(JsonElement sarifRun) =>
        sarifRun.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
}
