using ManifestLint.Cli;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace ManifestLint.Tests.Cli;

/// <summary><c>check --write-baseline</c>, <c>--baseline</c> and <c>baseline:</c> in real temporary git repositories.</summary>
public sealed class BaselineTests
{
    // ML5003 (no readinessProbe) at the container, ML4005 (latest tag) at the image.
    private const string Web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx:latest

        """;

    private const string Settings = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n---\n";

    // Two ML9002 findings with the same message: the third and fourth `a`.
    private const string Duplicates = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: \"1\"\n  a: \"2\"\n  a: \"3\"\n";

    [Fact]
    public void A_written_baseline_hides_every_finding_and_they_stay_hidden_when_lines_move()
    {
        using var repository = Repository();

        var write = Check(repository, "--write-baseline", "baseline.json");
        Assert.Equal(ExitCodes.Success, write.ExitCode);
        Assert.Equal("note: wrote 2 baseline entries to baseline.json\n", write.Stderr);
        Assert.Equal("0 errors, 0 warnings, 0 infos in 1 file (1 resource, 2 baselined)\n", write.Stdout);
        repository.Commit("baseline.json", File.ReadAllText(Path.Combine(repository.Path, "baseline.json")), "baseline");

        repository.Write("k8s/web.yaml", "# the settings come first now\n" + Settings + Web);
        var moved = Check(repository, "--baseline", "baseline.json");

        Assert.Equal(ExitCodes.Success, moved.ExitCode);
        Assert.Equal("0 errors, 0 warnings, 0 infos in 1 file (2 resources, 2 baselined)\n", moved.Stdout);
        Assert.Equal(ExitCodes.FindingsReported, Check(repository).ExitCode);
    }

    [Fact]
    public void Changing_the_value_a_finding_is_about_reports_it_as_new_and_its_old_entry_as_stale()
    {
        using var repository = Repository();
        Check(repository, "--write-baseline", "baseline.json");
        repository.Write("k8s/web.yaml", Web.Replace("nginx:latest", "redis:latest", StringComparison.Ordinal));

        var run = Check(repository, "--baseline", "baseline.json");

        Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
        Assert.Equal(
            "k8s/web.yaml:15:18: warning[ML4005] image 'redis:latest' of container 'web' uses the tag latest, which points at whatever was pushed last (Deployment default/web)\n"
            + "0 errors, 1 warning, 0 infos in 1 file (1 resource, 1 baselined, 1 baseline entry no longer matches)\n",
            run.Stdout);
    }

    [Fact]
    public void A_fixed_finding_leaves_one_stale_entry_which_rewriting_the_baseline_drops()
    {
        using var repository = Repository();
        Check(repository, "--write-baseline", "baseline.json");
        repository.Write("k8s/web.yaml", Web.Replace("nginx:latest", "nginx:1.27.3", StringComparison.Ordinal));

        var json = Check(repository, "--baseline", "baseline.json", "--format", "json");
        var summary = JObject.Parse(json.Stdout)["summary"]!;
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        Assert.Empty((JArray)JObject.Parse(json.Stdout)["findings"]!);
        Assert.Equal(new JObject { ["file"] = "baseline.json", ["baselined"] = 1, ["stale"] = 1 }, summary["baseline"]);
        Assert.Equal("note: 1 baseline entry of baseline.json no longer matches a finding; --write-baseline baseline.json drops it\n", json.Stderr);

        var verbose = Check(repository, "--baseline", "baseline.json", "--verbose");
        Assert.Equal(
            "baseline.json: entry no longer matches: k8s/web.yaml: [ML4005] image 'nginx:latest' of container 'web' uses the tag latest, which points at whatever was pushed last (Deployment default/web)\n",
            verbose.Stderr);
        Assert.EndsWith("(1 resource, 1 baselined, 1 baseline entry no longer matches)\n", verbose.Stdout, StringComparison.Ordinal);

        Check(repository, "--baseline", "baseline.json", "--write-baseline", "baseline.json");
        Assert.Equal(["ML5003"], Rules(repository, "baseline.json"));
        Assert.EndsWith("(1 resource, 1 baselined)\n", Check(repository, "--baseline", "baseline.json").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_name_files_relative_to_the_baseline_so_a_run_from_a_subfolder_matches()
    {
        using var repository = Repository();
        repository.Commit(".manifestlint.yaml", "baseline: ci/manifestlint-baseline.json\n", "config");
        Assert.Equal(ExitCodes.Success, Check(repository, "--write-baseline", "ci/manifestlint-baseline.json").ExitCode);
        Assert.Equal(["../k8s/web.yaml"], Files(repository, "ci/manifestlint-baseline.json"));

        var fromSubfolder = CliRunner.Run(Path.Combine(repository.Path, "k8s"), "check", "--fail-on", "warning", ".");
        Assert.Equal(ExitCodes.Success, fromSubfolder.ExitCode);
        Assert.Equal("0 errors, 0 warnings, 0 infos in 1 file (1 resource, 2 baselined)\n", fromSubfolder.Stdout);

        var named = CliRunner.Run(Path.Combine(repository.Path, "k8s"), "check", "--fail-on", "warning", "--baseline", "../ci/manifestlint-baseline.json", "web.yaml");
        Assert.Equal(ExitCodes.Success, named.ExitCode);

        var everything = CliRunner.Run(Path.Combine(repository.Path, "k8s"), "check", "--fail-on", "warning", "--no-baseline", ".");
        Assert.Equal(ExitCodes.FindingsReported, everything.ExitCode);
        Assert.EndsWith("0 errors, 2 warnings, 0 infos in 1 file (1 resource)\n", everything.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_identical_findings_need_two_entries()
    {
        using var repository = new GitRepository();
        repository.Commit("app.yaml", Duplicates, "app");
        Check(repository, "--write-baseline", "baseline.json");
        var entry = Assert.Single(JObject.Parse(File.ReadAllText(Path.Combine(repository.Path, "baseline.json")))["entries"]!);
        Assert.Equal(2, (int)entry["count"]!);

        repository.Write("app.yaml", Duplicates + "  a: \"4\"\n");
        var run = Check(repository, "--baseline", "baseline.json");

        Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
        Assert.Equal(
            "app.yaml:9:3: error[ML9002] duplicate key 'a' (first defined at line 6); kubectl rejects the document\n"
            + "1 error, 0 warnings, 0 infos in 1 file (1 resource, 2 baselined)\n",
            run.Stdout);
    }

    [Fact]
    public void A_run_over_some_files_neither_matches_nor_drops_the_entries_of_the_others()
    {
        using var repository = Repository();
        repository.Commit("k8s/other.yaml", Duplicates, "other");
        Check(repository, "--write-baseline", "baseline.json");
        repository.Write("k8s/web.yaml", Web.Replace("nginx:latest", "nginx:1.27.3", StringComparison.Ordinal));

        Assert.EndsWith("(1 resource, 1 baselined, 1 baseline entry no longer matches)\n", Check(repository, "--baseline", "baseline.json", "k8s/web.yaml").Stdout, StringComparison.Ordinal);
        Assert.EndsWith("(1 resource, 2 baselined)\n", Check(repository, "--baseline", "baseline.json", "k8s/other.yaml").Stdout, StringComparison.Ordinal);
        // Rules left out by --select answer for nothing either.
        Assert.EndsWith("(1 resource, 1 baselined)\n", Check(repository, "--baseline", "baseline.json", "--select", "ML5003", "k8s/web.yaml").Stdout, StringComparison.Ordinal);

        Check(repository, "--baseline", "baseline.json", "--write-baseline", "baseline.json", "k8s/web.yaml");
        Assert.Equal(["ML9002", "ML5003"], Rules(repository, "baseline.json"));
        Assert.Equal(["k8s/other.yaml", "k8s/web.yaml"], Files(repository, "baseline.json"));
    }

    [Fact]
    public void Entries_of_a_deleted_file_are_stale()
    {
        using var repository = Repository();
        repository.Commit("k8s/other.yaml", Duplicates, "other");
        Check(repository, "--write-baseline", "baseline.json");
        repository.Git("rm", "--quiet", "--", "k8s/other.yaml");

        Assert.EndsWith("(1 resource, 2 baselined, 2 baseline entries no longer match)\n", Check(repository, "--baseline", "baseline.json", "k8s").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Baselined_findings_are_left_out_of_every_format()
    {
        using var repository = Repository();
        Check(repository, "--write-baseline", "baseline.json");
        repository.Write("k8s/web.yaml", Web.Replace("nginx:latest", "redis:latest", StringComparison.Ordinal));

        var sarif = JObject.Parse(Check(repository, "--baseline", "baseline.json", "--format", "sarif").Stdout);
        Assert.Equal(["ML4005"], sarif["runs"]![0]!["results"]!.Select(result => (string)result["ruleId"]!));
        var gitlab = JArray.Parse(Check(repository, "--baseline", "baseline.json", "--format", "gitlab").Stdout);
        Assert.Equal(["ML4005"], gitlab.Select(issue => (string)issue["check_name"]!));
        var github = Check(repository, "--baseline", "baseline.json", "--format", "github").Stdout;
        Assert.Equal(1, github.Split('\n').Count(line => line.StartsWith("::warning ", StringComparison.Ordinal)));
        Assert.Contains("redis:latest", github, StringComparison.Ordinal);
    }

    [Fact]
    public void The_baseline_file_is_not_an_input_though_it_is_json_in_the_tree()
    {
        using var repository = Repository();
        Check(repository, "--write-baseline", "k8s/baseline.json");

        Assert.Equal("0 errors, 0 warnings, 0 infos in 1 file (1 resource, 2 baselined)\n", Check(repository, "--baseline", "k8s/baseline.json").Stdout);
    }

    [Theory]
    [InlineData("missing.json", null, "manifestlint: missing.json: baseline file not found (write one with check --write-baseline)")]
    [InlineData("bad.json", "{\"version\": 1, \"entries\": [{\"rule\": \"ML4005\", \"fil\": \"k8s/web.yaml\"}]}", "manifestlint: bad.json:1:47: unknown key 'fil' in a baseline entry (did you mean 'file'?) (expected rule, file, kind, namespace, name, path, message, count)")]
    [InlineData("future.json", "{\n  \"version\": 2,\n  \"entries\": []\n}\n", "manifestlint: future.json:2:14: baseline version 2 is not supported; this ManifestLint reads version 1")]
    [InlineData("broken.json", "{\"version\": 1, \"entries\": [", "manifestlint: broken.json:2:1: not baseline JSON: ")]
    public void An_unusable_baseline_is_a_usage_error_with_its_position(string name, string? text, string message)
    {
        using var repository = Repository();
        if (text is not null)
            repository.Write(name, text);

        var run = Check(repository, "--baseline", name);

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.StartsWith(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--baseline", "b.json", "--no-baseline" }, "manifestlint: --baseline and --no-baseline contradict each other; pick one")]
    [InlineData(new[] { "--write-baseline=" }, "manifestlint: --write-baseline needs a path")]
    [InlineData(new[] { "--write-baseline", "k8s/web.yaml" }, "manifestlint: k8s/web.yaml: exists and is not a baseline file; refusing to overwrite it")]
    [InlineData(new[] { "--base-line", "b.json" }, "manifestlint: unknown option '--base-line' (did you mean '--baseline'?)")]
    [InlineData(new[] { "--write-baselin", "b.json" }, "manifestlint: unknown option '--write-baselin' (did you mean '--write-baseline'?)")]
    public void Baseline_options_are_checked(string[] args, string message)
    {
        using var repository = Repository();

        var run = Check(repository, args);

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Equal(message + "\n", run.Stderr);
    }

    [Fact]
    public void The_baseline_file_format_matches_the_snapshot()
    {
        using var repository = Repository();
        repository.Commit("k8s/other.yaml", Duplicates, "other");
        repository.Commit("k8s/cluster.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n  name: web\n", "cluster");

        Check(repository, "--write-baseline", "baseline.json", "--fail-on", "info");

        Snapshot.Match(File.ReadAllText(Path.Combine(repository.Path, "baseline.json")).Split('\n'));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void Reports_with_new_baselined_and_stale_findings_match_the_snapshot(string format)
    {
        using var repository = Repository();
        Check(repository, "--write-baseline", "baseline.json");
        repository.Write("k8s/web.yaml", Web.Replace("nginx:latest", "redis:latest", StringComparison.Ordinal));

        var run = Check(repository, "--baseline", "baseline.json", "--format", format);

        Snapshot.Match(OutputFormatSnapshotTests.Scrub(run), SnapshotNameExtension.Create(format));
    }

    private static GitRepository Repository()
    {
        var repository = new GitRepository();
        repository.Commit("k8s/web.yaml", Web, "web");
        return repository;
    }

    private static CliRun Check(GitRepository repository, params string[] args) =>
        CliRunner.Run(repository.Path, ["check", "--fail-on", "warning", .. args]);

    private static string[] Rules(GitRepository repository, string baseline) =>
        JObject.Parse(File.ReadAllText(Path.Combine(repository.Path, baseline)))["entries"]!.Select(entry => (string)entry["rule"]!).ToArray();

    private static string[] Files(GitRepository repository, string baseline) =>
        JObject.Parse(File.ReadAllText(Path.Combine(repository.Path, baseline)))["entries"]!.Select(entry => (string)entry["file"]!).Distinct().ToArray();
}
