using System.Text.Json;

namespace ManifestLint.Tests.EndToEnd;

/// <summary>
/// Packs the task and analyzer packages, references them from a throwaway solution and runs real
/// <c>dotnet build</c>s: what a .NET team gets from a PackageReference.
/// </summary>
// One collection with the other packing tests: two `dotnet pack`s of the same projects at once collide in obj/.
[Collection(PackingCollection.Name)]
public sealed class PackageEndToEndTests(PackageWorkspace workspace) : IClassFixture<PackageWorkspace>
{
    private const string DuplicateKey = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  name: settings-v2\n";
    private const string Clean = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n";
    private const string UnusedSuppression = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings # manifestlint-disable-line ML9002\n";

    private string Abs(string app, string path) => Path.Combine(workspace.Directory, app, path);

    private static void AssertHealthy(DotNetProcess.Result build)
    {
        Assert.DoesNotContain("CS9057", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_manifest_fails_the_build_with_the_canonical_line_from_the_task_and_the_analyzer()
    {
        workspace.Reset(
            ("k8s/app.yaml", DuplicateKey),
            ("src/web.k8s.yaml", DuplicateKey),
            ("config/not-a-manifest.yaml", DuplicateKey),
            ("obj/leftover.k8s.yaml", DuplicateKey));

        var build = workspace.Build("-p:ManifestLintSarifFile=obj/manifestlint.sarif");

        Assert.True(build.ExitCode != 0, build.ToString());
        AssertHealthy(build);
        Assert.Contains("k8s/app.yaml(5,3): error ML9002: duplicate key 'name'", build.Output, StringComparison.Ordinal);
        using (var taskSarif = JsonDocument.Parse(File.ReadAllText(Abs("TaskApp", "obj/manifestlint.sarif"))))
        {
            var uris = taskSarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString())
                .Order(StringComparer.Ordinal);
            Assert.Equal(["k8s/app.yaml", "src/web.k8s.yaml"], uris);
        }

        Assert.Contains("src/web.k8s.yaml(5,3): error ML9002: ", build.Output, StringComparison.Ordinal);
        Assert.Contains($"{Abs("AnalyzerApp", "k8s/app.yaml")}(5,3): error ML9002: duplicate key 'name'", build.Output, StringComparison.Ordinal);
        Assert.Contains($"{Abs("AnalyzerApp", "src/web.k8s.yaml")}(5,3): error ML9002: ", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-manifest.yaml(", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("leftover.k8s.yaml(", build.Output, StringComparison.Ordinal);

        using var sarif = JsonDocument.Parse(File.ReadAllText(Abs("AnalyzerApp", "build.sarif")));
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("ruleId").GetString() == "ML9002" && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!.EndsWith("/AnalyzerApp/k8s/app.yaml", StringComparison.Ordinal));
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal((5, 3, 5, 7), (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(), region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()));
        Assert.Equal("error", result.GetProperty("level").GetString());
    }

    [Fact]
    public void A_good_manifest_passes_and_the_next_build_skips_the_lint_until_a_new_file_appears_even_with_an_old_timestamp()
    {
        workspace.Reset(("k8s/app.yaml", Clean));

        var first = workspace.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        AssertHealthy(first);
        Assert.Contains("ManifestLint: 0 errors, 0 warnings, 0 infos in 1 file", first.Output, StringComparison.Ordinal);

        var second = workspace.Build();
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Skipping target \"ManifestLint\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);

        var added = workspace.WriteInApp("TaskApp", "k8s/added.yaml", DuplicateKey);
        File.SetLastWriteTimeUtc(added, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var third = workspace.Build();
        Assert.True(third.ExitCode != 0, third.ToString());
        Assert.Contains("k8s/added.yaml(5,3): error ML9002: ", third.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_manifest_runs_the_lint_again_and_a_no_op_build_after_it_skips()
    {
        workspace.Reset(("k8s/app.yaml", Clean), ("k8s/other.yaml", Clean));

        var first = workspace.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("ManifestLint: 0 errors, 0 warnings, 0 infos in 2 files", first.Output, StringComparison.Ordinal);

        // No file is newer than the stamp after a removal: only the list of inputs tells the lint to run.
        File.Delete(Abs("TaskApp", "k8s/other.yaml"));
        var removed = workspace.Build();
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains("ManifestLint: 0 errors, 0 warnings, 0 infos in 1 file", removed.Output, StringComparison.Ordinal);

        var noOp = workspace.Build();
        Assert.True(noOp.ExitCode == 0, noOp.ToString());
        Assert.Contains("Skipping target \"ManifestLint\" because all output files are up-to-date", noOp.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ManifestLint: 0 errors", noOp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_items_are_the_documented_globs_and_nothing_under_bin_obj_node_modules_or_dot_folders()
    {
        string[] linted = ["k8s/a.yaml", "k8s/sub/b.yml", "k8s/c.json", "deploy/d.yaml", "manifests/deep/e.yml", "web.k8s.yaml", "src/api/f.k8s.yaml"];
        string[] ignored =
        [
            "k8s/notes.md", "config/app.yaml", "src/api/f.yaml",
            "node_modules/pkg/g.k8s.yaml", "web/node_modules/pkg/h.k8s.yaml", "k8s/node_modules/i.yaml",
            ".git/j.k8s.yaml", "deploy/.cache/k.yaml", "bin/Debug/l.k8s.yaml", "obj/m.k8s.yaml",
        ];
        workspace.Reset([.. linted.Concat(ignored).Select(path => (path, Clean))]);

        foreach (var app in PackageWorkspace.Apps)
        {
            var evaluation = DotNetProcess.Run(workspace.Directory, "msbuild", $"{app}/{app}.csproj", "-getItem:KubernetesManifest", "-nodeReuse:false");
            Assert.True(evaluation.ExitCode == 0, evaluation.ToString());
            using var items = JsonDocument.Parse(evaluation.Output);
            var paths = items.RootElement.GetProperty("Items").GetProperty("KubernetesManifest").EnumerateArray()
                .Select(item => item.GetProperty("Identity").GetString()!.Replace('\\', '/'));
            Assert.Equal(linted.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_baseline_reaches_the_task_and_the_analyzer_from_the_configuration_or_ManifestLintBaseline()
    {
        workspace.Reset(("k8s/app.yaml", DuplicateKey));
        // The build files find the file from this line; the hosts read the key themselves.
        workspace.WriteAtRoot(".manifestlint.yaml", "baseline: \"ci/accepted.json\"  # for now\n");
        workspace.WriteAtRoot("ci/accepted.json", BaselineOf("../TaskApp/k8s/app.yaml", "../AnalyzerApp/k8s/app.yaml"));

        var baselined = workspace.Recompile();
        Assert.True(baselined.ExitCode == 0, baselined.ToString());
        AssertHealthy(baselined);
        Assert.Contains("ManifestLint: 0 errors, 0 warnings, 0 infos in 1 file (1 resource, 1 baselined)", baselined.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error ML9002", baselined.Output, StringComparison.Ordinal);

        // A changed baseline is an input of the task's target and an AdditionalFile of the compiler: both run again.
        workspace.WriteAtRoot("ci/accepted.json", BaselineOf("../TaskApp/k8s/app.yaml"));
        var edited = workspace.Build();
        Assert.True(edited.ExitCode != 0, edited.ToString());
        Assert.Contains("ManifestLint: 0 errors, 0 warnings, 0 infos in 1 file (1 resource, 1 baselined)", edited.Output, StringComparison.Ordinal);
        Assert.Contains($"{Abs("AnalyzerApp", "k8s/app.yaml")}(5,3): error ML9002: ", edited.Output, StringComparison.Ordinal);

        File.Delete(Path.Combine(workspace.Directory, ".manifestlint.yaml"));
        workspace.WriteAtRoot("ci/other.json", BaselineOf("../TaskApp/k8s/app.yaml", "../AnalyzerApp/k8s/app.yaml"));
        var property = workspace.Recompile("-p:ManifestLintBaseline=../ci/other.json");
        Assert.True(property.ExitCode == 0, property.ToString());
        AssertHealthy(property);
        Assert.DoesNotContain("error ML9002", property.Output, StringComparison.Ordinal);
    }

    /// <summary>A baseline written by hand: the duplicate key of <see cref="DuplicateKey"/> in each of <paramref name="files"/>.</summary>
    private static string BaselineOf(params string[] files) =>
        "{\"version\": 1, \"entries\": ["
        + string.Join(", ", files.Select(file => $"{{\"rule\": \"ML9002\", \"file\": \"{file}\", \"message\": \"duplicate key 'name' (first defined at line 4); kubectl rejects the document\"}}"))
        + "]}\n";

    [Fact]
    public void Warnings_honour_TreatWarningsAsErrors_WarningsAsErrors_and_NoWarn()
    {
        workspace.Reset(("k8s/app.yaml", UnusedSuppression));
        workspace.WriteAtRoot(".manifestlint.yaml", "rules:\n  ML9003: warning\n");

        var plain = workspace.Recompile();
        Assert.True(plain.ExitCode == 0, plain.ToString());
        AssertHealthy(plain);
        Assert.Contains("k8s/app.yaml(4,18): warning ML9003: ", plain.Output, StringComparison.Ordinal);
        Assert.Contains($"{Abs("AnalyzerApp", "k8s/app.yaml")}(4,18): warning ML9003: ", plain.Output, StringComparison.Ordinal);

        foreach (var property in new[] { "-p:TreatWarningsAsErrors=true", "-p:WarningsAsErrors=ML9003" })
        {
            var promoted = workspace.Recompile(property);
            Assert.True(promoted.ExitCode != 0, promoted.ToString());
            Assert.Contains("k8s/app.yaml(4,18): error ML9003: ", promoted.Output, StringComparison.Ordinal);
            Assert.Contains($"{Abs("AnalyzerApp", "k8s/app.yaml")}(4,18): error ML9003: ", promoted.Output, StringComparison.Ordinal);
        }

        var silenced = workspace.Recompile("-p:NoWarn=ML9003", "-p:TreatWarningsAsErrors=true");
        Assert.True(silenced.ExitCode == 0, silenced.ToString());
        Assert.DoesNotContain("ML9003:", silenced.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyzer_severities_come_from_globalconfig_and_from_the_per_file_key_in_editorconfig()
    {
        workspace.Reset(
            ("k8s/dup.yaml", DuplicateKey),
            ("k8s/unused.yaml", UnusedSuppression),
            (".globalconfig", "is_global = true\ndotnet_diagnostic.ML9002.severity = warning\n"),
            (".editorconfig", "root = true\n\n[k8s/unused.yaml]\nmanifestlint_diagnostic.ML9003.severity = error\n"));

        var build = workspace.Recompile();

        AssertHealthy(build);
        Assert.Contains($"{Abs("AnalyzerApp", "k8s/dup.yaml")}(5,3): warning ML9002: ", build.Output, StringComparison.Ordinal);
        Assert.Contains($"{Abs("AnalyzerApp", "k8s/unused.yaml")}(4,18): error ML9003: ", build.Output, StringComparison.Ordinal);
    }
}
