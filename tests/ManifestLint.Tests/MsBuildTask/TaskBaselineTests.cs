using ManifestLint.MsBuild;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ManifestLint.Tests.MsBuildTask;

/// <summary>The MSBuild task honours ManifestLintBaseline and the configuration's <c>baseline:</c>.</summary>
public sealed class TaskBaselineTests : IDisposable
{
    private const string DuplicateKey = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  name: settings-v2\n";

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
    public void The_configuration_baseline_hides_recorded_findings_even_after_lines_move()
    {
        project.Write(".manifestlint.yaml", "baseline: ci/baseline.json\n");
        project.Write("ci/baseline.json", TestSupport.BaselineOf("../k8s/app.yaml", DuplicateKey));
        project.Write("k8s/app.yaml", "# moved down\n" + DuplicateKey);
        project.Write("k8s/new.yaml", DuplicateKey);

        var succeeded = Task("k8s/app.yaml", "k8s/new.yaml").Execute();

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("ML9002", "k8s/new.yaml"), (error.Code, error.File));
        Assert.Contains(engine.Messages, message => message.Message == "ManifestLint: 1 error, 0 warnings, 0 infos in 2 files (2 resources, 1 baselined)");
    }

    [Fact]
    public void ManifestLintBaseline_overrides_the_configuration_and_stale_entries_are_logged()
    {
        project.Write(".manifestlint.yaml", "baseline: missing.json\n");
        project.Write("accepted.json", TestSupport.BaselineOf("k8s/app.yaml", DuplicateKey));
        project.Write("k8s/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        var task = Task("k8s/app.yaml");
        task.Baseline = "accepted.json";

        Assert.True(task.Execute());
        Assert.Empty(engine.Errors);
        Assert.Contains(engine.Messages, message => message.Message == "ManifestLint: 0 errors, 0 warnings, 0 infos in 1 file (1 resource, 0 baselined, 1 baseline entry no longer matches)");
        Assert.Contains(engine.Messages, message => message.Importance == MessageImportance.Low && message.Message!.Contains("entry no longer matches: k8s/app.yaml: [ML9002] duplicate key 'name'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_or_invalid_baseline_fails_the_build_with_its_position()
    {
        project.Write("k8s/app.yaml", DuplicateKey);
        project.Write("baseline.json", "{\"version\": 1, \"entries\": [{\"rule\": \"ML9002\"}]}");
        var invalid = Task("k8s/app.yaml");
        invalid.Baseline = "baseline.json";
        var missing = Task("k8s/app.yaml");
        missing.Baseline = "nope.json";

        Assert.False(invalid.Execute());
        Assert.False(missing.Execute());

        Assert.Equal(2, engine.Errors.Count);
        Assert.Equal(
            ("ML9004", Path.Combine(project.Path, "baseline.json"), 1, 28, "invalid ManifestLint baseline: a baseline entry needs \"file\""),
            (engine.Errors[0].Code, engine.Errors[0].File, engine.Errors[0].LineNumber, engine.Errors[0].ColumnNumber, engine.Errors[0].Message));
        Assert.Equal("invalid ManifestLint baseline: baseline file not found (write one with check --write-baseline)", engine.Errors[1].Message);
    }
}
