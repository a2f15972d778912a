using System.Diagnostics;
using ManifestLint.MsBuild;
using Microsoft.Build.Utilities;

namespace ManifestLint.Tests.MsBuildTask;

public sealed class ManifestLintTaskTests : IDisposable
{
    private const string DuplicateKey = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          name: settings-v2
        """;

    private const string UnusedSuppression = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings # manifestlint-disable-line ML9002
        """;

    private readonly TempDirectory project = new();
    private readonly FakeBuildEngine engine = new();

    public void Dispose() => project.Dispose();

    private ManifestLintTask Task(params string[] manifests) => new()
    {
        BuildEngine = engine,
        ProjectDirectory = project.Path,
        Manifests = manifests.Select(path => new TaskItem(path)).ToArray(),
    };

    [Fact]
    public void Logs_an_error_with_code_file_line_and_column_and_fails()
    {
        project.Write("k8s/app.yaml", DuplicateKey);

        var succeeded = Task("k8s/app.yaml").Execute();

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("ML9002", "k8s/app.yaml", 5, 3, 0, 0), (error.Code, error.File, error.LineNumber, error.ColumnNumber, error.EndLineNumber, error.EndColumnNumber));
        Assert.StartsWith("duplicate key 'name'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("rules.md#ml9002-duplicate-key", error.HelpLink, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_manifest_passes_without_findings()
    {
        project.Write("k8s/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");

        var task = Task("k8s/app.yaml");

        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Equal(0, task.FindingCount);
    }

    [Fact]
    public void Info_findings_are_messages_with_their_code_and_do_not_fail()
    {
        project.Write("k8s/app.yaml", UnusedSuppression);

        Assert.True(Task("k8s/app.yaml").Execute());
        Assert.Empty(engine.Errors);
        var message = Assert.Single(engine.CodedMessages);
        Assert.Equal(("ML9003", 4, 18), (message.Code, message.LineNumber, message.ColumnNumber));
    }

    [Fact]
    public void Warning_levels_from_the_discovered_configuration_are_logged_as_warnings()
    {
        project.Write(".manifestlint.yaml", "rules:\n  ML9003: warning\n");
        project.Write("src/App/k8s/app.yaml", UnusedSuppression);
        var task = Task("k8s/app.yaml");
        task.ProjectDirectory = Path.Combine(project.Path, "src", "App");

        Assert.True(task.Execute());
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("ML9003", "k8s/app.yaml", 4, 18), (warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber));
    }

    [Theory]
    [InlineData("warning", "error", false)]
    [InlineData("warning", "warning", true)]
    [InlineData("warning", "info", true)]
    [InlineData("info", "warning", false)]
    [InlineData("info", "info", true)]
    public void FailOn_logs_findings_at_or_above_it_as_errors(string level, string failOn, bool fails)
    {
        project.Write(".manifestlint.yaml", $"rules:\n  ML9003: {level}\n");
        project.Write("k8s/app.yaml", UnusedSuppression);
        var task = Task("k8s/app.yaml");
        task.FailOn = failOn;

        Assert.Equal(!fails, task.Execute());
        Assert.Equal(fails ? 1 : 0, engine.Errors.Count(error => error.Code == "ML9003"));
        Assert.Equal(fails ? 0 : 1, engine.Warnings.Count(warning => warning.Code == "ML9003") + engine.CodedMessages.Count(message => message.Code == "ML9003"));
    }

    [Fact]
    public void TreatWarningsAsErrors_promotes_warnings_except_those_in_WarningsNotAsErrors_or_NoWarn()
    {
        project.Write(".manifestlint.yaml", "rules:\n  ML9003: warning\n");
        project.Write("k8s/app.yaml", UnusedSuppression);

        var promoting = Task("k8s/app.yaml");
        promoting.TreatWarningsAsErrors = true;
        Assert.False(promoting.Execute());
        Assert.Equal("ML9003", Assert.Single(engine.Errors).Code);

        foreach (var exempt in new[] { (NotAsErrors: "CS1591;ML9003", NoWarn: ""), (NotAsErrors: "", NoWarn: "1701,ML9003") })
        {
            var local = new FakeBuildEngine();
            var task = Task("k8s/app.yaml");
            task.BuildEngine = local;
            task.TreatWarningsAsErrors = true;
            task.WarningsNotAsErrors = exempt.NotAsErrors;
            task.NoWarn = exempt.NoWarn;
            Assert.True(task.Execute());
            Assert.Empty(local.Errors);
            Assert.Equal("ML9003", Assert.Single(local.Warnings).Code);
        }
    }

    [Fact]
    public void An_explicit_configuration_wins_over_the_discovered_one()
    {
        project.Write(".manifestlint.yaml", "rules:\n  ML9002: error\n");
        project.Write("config/lint.yaml", "rules:\n  duplicate-key: off\n");
        project.Write("k8s/app.yaml", DuplicateKey);
        var task = Task("k8s/app.yaml");
        task.ConfigFile = "config/lint.yaml";

        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void An_invalid_configuration_is_an_error_at_the_offending_key()
    {
        var configPath = project.Write(".manifestlint.yaml", "rules:\n  ML9002: error\nunknown: 1\n");
        project.Write("k8s/app.yaml", DuplicateKey);

        Assert.False(Task("k8s/app.yaml").Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("ML9004", configPath, 3, 1), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Contains("unknown key 'unknown'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exclude_globs_of_the_configuration_skip_manifests()
    {
        project.Write(".manifestlint.yaml", "exclude:\n  - k8s/generated/**\n");
        project.Write("k8s/generated/app.yaml", DuplicateKey);
        project.Write("k8s/app.yaml", DuplicateKey);

        Assert.False(Task("k8s/generated/app.yaml", "k8s/app.yaml").Execute());
        Assert.Equal(["k8s/app.yaml"], engine.Errors.Select(error => error.File));
    }

    [Fact]
    public void Writes_sarif_with_the_engine_reporter_relative_to_the_project()
    {
        project.Write("k8s/app.yaml", DuplicateKey);
        var task = Task("k8s/app.yaml");
        task.SarifFile = "out/lint.sarif";

        Assert.False(task.Execute());
        using var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Path, "out", "lint.sarif")));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("ML9002", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal("k8s/app.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal((5, 3), (location.GetProperty("region").GetProperty("startLine").GetInt32(), location.GetProperty("region").GetProperty("startColumn").GetInt32()));
        var sourceRoot = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString();
        Assert.Equal(new Uri(project.Path + "/").AbsoluteUri, sourceRoot);
    }

    [Fact]
    public void A_missing_manifest_is_an_error_naming_the_file()
    {
        Assert.False(Task("k8s/missing.yaml").Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("k8s/missing.yaml", error.File);
        Assert.Contains("cannot read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_FailOn_is_an_error()
    {
        project.Write("k8s/app.yaml", DuplicateKey);
        var task = Task("k8s/app.yaml");
        task.FailOn = "sometimes";

        Assert.False(task.Execute());
        Assert.Contains("ManifestLintFailOn", Assert.Single(engine.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_fifo_among_the_items_is_a_warning_with_its_path_and_never_blocks_the_build()
    {
        if (OperatingSystem.IsWindows())
            return;
        project.Write("k8s/app.yaml", DuplicateKey);
        Directory.CreateDirectory(Path.Combine(project.Path, "k8s"));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(project.Path, "k8s", "x.yaml")))
            mkfifo.WaitForExit();
        var task = Task("k8s/x.yaml", "k8s/app.yaml");

        // Opening a FIFO with no writer blocks forever: run the task aside so a regression fails instead of hanging.
        var succeeded = await System.Threading.Tasks.Task.Run(task.Execute).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(succeeded);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("k8s/x.yaml", warning.File);
        Assert.Contains("not a regular file", warning.Message, StringComparison.Ordinal);
        Assert.Equal(("ML9002", "k8s/app.yaml"), (Assert.Single(engine.Errors).Code, Assert.Single(engine.Errors).File));
    }
}
