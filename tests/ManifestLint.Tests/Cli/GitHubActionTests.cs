using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ManifestLint.Cli;
using YamlDotNet.RepresentationModel;

namespace ManifestLint.Tests.Cli;

/// <summary>
/// The composite action in <c>action.yml</c>: its inputs and steps, and its shell steps run locally with the
/// environment a GitHub runner gives them, <c>manifestlint</c> being the CLI built here.
/// </summary>
public sealed class GitHubActionTests
{
    private const string Duplicated = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: \"1\"\n  a: \"2\"\n";

    private static readonly YamlMappingNode Action = LoadAction();

    [Fact]
    public void Declares_the_inputs_and_runs_as_a_composite_action()
    {
        var inputs = (YamlMappingNode)Action["inputs"];
        Assert.Equal(
            ["config", "fail-on", "format", "kubernetes-version", "package-source", "paths", "rollout-preview", "upload-sarif", "version"],
            inputs.Children.Keys.Select(key => key.ToString()).Order(StringComparer.Ordinal));
        Assert.All(inputs.Children.Values.Cast<YamlMappingNode>(), input => Assert.True(input.Children.ContainsKey("description")));
        Assert.Equal("composite", Action["runs"]["using"].ToString());

        var install = Step("Install ManifestLint")["run"].ToString();
        Assert.Contains("tool install --global ManifestLint", install, StringComparison.Ordinal);
        Assert.Contains("--add-source \"$INPUT_PACKAGE_SOURCE\"", install, StringComparison.Ordinal);

        var upload = Step("Upload SARIF to code scanning");
        Assert.Equal("github/codeql-action/upload-sarif@v3", upload["uses"].ToString());
        Assert.Contains("inputs.upload-sarif == 'true'", upload["if"].ToString(), StringComparison.Ordinal);
        Assert.Equal("${{ steps.check.outputs.sarif-file }}", upload["with"]["sarif_file"].ToString());
    }

    [Fact]
    public void The_check_step_prints_annotations_and_leaves_failing_to_the_last_step()
    {
        using var repository = SampleRepository();
        using var runner = new LocalRunner(repository.Path);

        var run = runner.Run("Check manifests", new() { ["paths"] = "k8s" });

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("::error file=k8s/app.yaml,line=7,", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("exit-code=1", runner.Outputs, StringComparison.Ordinal);
        Assert.Equal("${{ steps.check.outputs.exit-code == '1' }}", Step("Fail on findings")["if"].ToString());
        Assert.Equal(1, runner.Run("Fail on findings", new() { ["paths"] = "k8s" }).ExitCode);
    }

    [Fact]
    public void The_check_step_writes_sarif_for_the_upload_step()
    {
        using var repository = SampleRepository();
        using var runner = new LocalRunner(repository.Path);

        var run = runner.Run("Check manifests", new() { ["paths"] = "k8s", ["format"] = "sarif", ["upload-sarif"] = "true", ["fail-on"] = "warning", ["kubernetes-version"] = "1.33" });

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stdout));
        var sarifFile = Path.Combine(runner.Temp, "manifestlint.sarif");
        Assert.Contains($"sarif-file={sarifFile}\n", runner.Outputs, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifFile));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(result => (Rule: result.GetProperty("ruleId").GetString(), File: result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
        Assert.Contains(("ML9002", "k8s/app.yaml"), results);
    }

    [Theory]
    [InlineData("format", "annotations", "format must be sarif or github, not 'annotations'")]
    [InlineData("upload-sarif", "true", "upload-sarif: true needs format: sarif")]
    public void Contradicting_inputs_fail_the_check_step(string input, string value, string message)
    {
        using var repository = SampleRepository();
        using var runner = new LocalRunner(repository.Path);

        var run = runner.Run("Check manifests", new() { [input] = value });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rollout_preview_step_writes_the_changed_rollouts_to_the_job_summary()
    {
        using var repository = SampleRepository();
        var baseSha = repository.Head();
        repository.Commit("k8s/web.yaml", Deployment("web:2"), "new image");
        using var runner = new LocalRunner(repository.Path);

        var run = runner.Run("Rollout preview", new() { ["paths"] = "k8s", ["rollout-preview"] = "true" }, baseSha: baseSha);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("### ManifestLint rollout preview", runner.Summary, StringComparison.Ordinal);
        Assert.Contains("web", runner.Summary, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    private static GitRepository SampleRepository()
    {
        var repository = new GitRepository();
        repository.Write("k8s/app.yaml", Duplicated);
        repository.Commit("k8s/web.yaml", Deployment("web:1"), "sample");
        repository.Git("add", "--", "k8s/app.yaml");
        repository.CommitStaged("config");
        return repository;
    }

    private static string Deployment(string image) => $$"""
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
                  image: registry.example.com/{{image}}
                  resources:
                    requests: {cpu: 100m, memory: 64Mi}
                    limits: {memory: 64Mi}

        """;

    private static YamlMappingNode Step(string name) =>
        ((YamlSequenceNode)Action["runs"]["steps"]).Children.Cast<YamlMappingNode>()
            .Single(step => step.Children.TryGetValue("name", out var stepName) && stepName.ToString() == name);

    private static YamlMappingNode LoadAction()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TestSupport.RepositoryRoot, "action.yml")))
            stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    /// <summary>Runs one <c>run:</c> step as a GitHub runner does: bash -eo pipefail, step env with expressions filled in.</summary>
    private sealed class LocalRunner : IDisposable
    {
        private static readonly Regex Expression = new(@"\$\{\{\s*(?<name>[^}]+?)\s*\}\}", RegexOptions.CultureInvariant);
        private readonly TempDirectory runnerFolder = new("manifestlint-runner");
        private readonly string workspace;

        public LocalRunner(string workspace)
        {
            this.workspace = workspace;
            Directory.CreateDirectory(Temp);
            var dll = typeof(ManifestLintCli).Assembly.Location;
            var shim = runnerFolder.Write("bin/manifestlint", $"#!/bin/sh\nexec dotnet '{dll}' \"$@\"\n");
            // Runners that execute these scripts are Linux or macOS ones.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            runnerFolder.Write("output", string.Empty);
            runnerFolder.Write("summary", string.Empty);
        }

        public string Temp => Path.Combine(runnerFolder.Path, "temp");

        public string Outputs => File.ReadAllText(Path.Combine(runnerFolder.Path, "output"));

        public string Summary => File.ReadAllText(Path.Combine(runnerFolder.Path, "summary"));

        public (int ExitCode, string Stdout, string Stderr) Run(string stepName, Dictionary<string, string> inputs, string baseSha = "")
        {
            var step = Step(stepName);
            var defaults = ((YamlMappingNode)Action["inputs"]).Children.ToDictionary(entry => entry.Key.ToString(), entry => ((YamlMappingNode)entry.Value)["default"].ToString());
            Assert.All(inputs.Keys, name => Assert.Contains(name, defaults.Keys));
            string Resolve(string text) => Expression.Replace(text, match => match.Groups["name"].Value switch
            {
                var name when name.StartsWith("inputs.", StringComparison.Ordinal) => inputs.GetValueOrDefault(name[7..]) ?? defaults[name[7..]],
                "github.event.pull_request.base.sha" => baseSha,
                var name => throw new InvalidOperationException($"the local runner does not know ${{{{ {name} }}}}"),
            });

            var script = runnerFolder.Write("step.sh", Resolve(step["run"].ToString()));
            var start = new ProcessStartInfo("bash") { WorkingDirectory = workspace, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--noprofile", "--norc", "-eo", "pipefail", script })
                start.ArgumentList.Add(argument);
            start.Environment["PATH"] = Path.Combine(runnerFolder.Path, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["GITHUB_OUTPUT"] = Path.Combine(runnerFolder.Path, "output");
            start.Environment["GITHUB_STEP_SUMMARY"] = Path.Combine(runnerFolder.Path, "summary");
            start.Environment["GITHUB_PATH"] = Path.Combine(runnerFolder.Path, "path");
            start.Environment["RUNNER_TEMP"] = Temp;
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            if (step.Children.TryGetValue("env", out var environment))
            {
                foreach (var (name, value) in ((YamlMappingNode)environment).Children)
                    start.Environment[name.ToString()] = Resolve(value.ToString());
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout, stderr.Result);
        }

        public void Dispose() => runnerFolder.Dispose();
    }
}
