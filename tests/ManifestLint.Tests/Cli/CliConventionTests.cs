using ManifestLint.Cli;

namespace ManifestLint.Tests.Cli;

/// <summary>The conventions users know from ruff and kube-linter: quiet, statistics, exit-zero, select/ignore, colour, did-you-mean.</summary>
public sealed class CliConventionTests : IDisposable
{
    // ML4005 (latest tag, warning), ML5003 (no readiness probe, warning) and ML9002 (duplicate key, error).
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: nginx:latest
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
          name: b
        """;

    private readonly TempDirectory directory = new("manifestlint-conventions");

    public CliConventionTests() => directory.Write("app.yaml", Manifest);

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Quiet_prints_findings_without_the_summary()
    {
        var loud = Run("check", "app.yaml");
        var quiet = Run("check", "--quiet", "app.yaml");

        Assert.Contains(" in 1 file ", loud.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" in 1 file ", quiet.Stdout, StringComparison.Ordinal);
        Assert.Equal(loud.Stdout.Split('\n').Where(line => line.StartsWith("app.yaml:", StringComparison.Ordinal)), quiet.Stdout.Split('\n').Where(line => line.Length > 0));
        Assert.Equal(ExitCodes.FindingsReported, quiet.ExitCode);
    }

    [Fact]
    public void Statistics_counts_findings_per_rule()
    {
        var run = Run("check", "--statistics", "app.yaml");

        var lines = run.Stdout.Split('\n');
        Assert.Contains("1  ML9002  error  duplicate-key", lines);
        Assert.Contains(lines, line => line.EndsWith("ML4005  warning  latest-tag", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("app.yaml:", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.UsageOrInputError, Run("check", "--statistics", "--format", "json", "app.yaml").ExitCode);
    }

    [Fact]
    public void Exit_zero_reports_but_never_fails()
    {
        var run = Run("check", "--exit-zero", "app.yaml");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("error[ML9002]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_and_ignore_take_ids_names_and_prefixes()
    {
        var selected = Run("check", "--quiet", "--select", "latest-tag,ML9", "app.yaml");
        var ignored = Run("check", "--quiet", "--ignore", "ML9002,ML5", "app.yaml");

        Assert.Equal(["ML4005", "ML9002"], RuleIds(selected));
        Assert.DoesNotContain("ML9002", RuleIds(ignored));
        Assert.DoesNotContain("ML5003", RuleIds(ignored));
        Assert.Contains("ML4005", RuleIds(ignored));
        Assert.Equal(ExitCodes.Success, ignored.ExitCode);
    }

    [Fact]
    public void Select_switches_on_a_rule_that_is_off_by_default()
    {
        var run = Run("check", "--quiet", "--select", "ML6003", "app.yaml");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Stderr);
    }

    [Theory]
    [InlineData("check --select ML40005 app.yaml", "--select: unknown rule 'ML40005' (did you mean 'ML4005'?)")]
    [InlineData("check --ignore latest-tags app.yaml", "--ignore: unknown rule 'latest-tags' (did you mean 'latest-tag'?)")]
    [InlineData("check --fromat json app.yaml", "unknown option '--fromat' (did you mean '--format'?)")]
    [InlineData("chekc app.yaml", "unknown command 'chekc' (did you mean 'check'?)")]
    [InlineData("check --quiet --verbose app.yaml", "--quiet and --verbose contradict each other")]
    [InlineData("check --no-config --config x.yaml app.yaml", "--no-config and --config contradict each other")]
    [InlineData("check --color sometimes app.yaml", "--color must be one of auto, always, never")]
    public void Mistakes_are_usage_errors_with_a_suggestion(string commandLine, string message)
    {
        var run = Run(commandLine.Split(' '));

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("rulez:\n  ML4005: off\n", "unknown key 'rulez' (did you mean 'rules'?)")]
    [InlineData("rules:\n  ML40005: off\n", "unknown rule 'ML40005' under 'rules' (did you mean 'ML4005'?)")]
    [InlineData("rollout:\n  node: 3\n", "unknown key 'rollout.node' (did you mean 'nodes'?)")]
    [InlineData("rules:\n  ML4005: error\n  latest-tag: off\n", ".manifestlint.yaml:3:3: 'latest-tag' and 'ML4005' (line 2) both set rule ML4005 (latest-tag); keep one")]
    public void Configuration_mistakes_name_the_key_and_suggest_a_fix(string configuration, string message)
    {
        directory.Write(".manifestlint.yaml", configuration);

        var run = Run("check", "app.yaml");

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_config_ignores_the_configuration_file()
    {
        directory.Write(".manifestlint.yaml", "rules:\n  ML9002: off\nexclude: [app.yaml]\n");

        var configured = Run("check", "app.yaml");
        var unconfigured = Run("check", "--no-config", "app.yaml");

        Assert.DoesNotContain("ML9002", configured.Stdout, StringComparison.Ordinal);
        Assert.Contains("error[ML9002]", unconfigured.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", false, null, null, false)]
    [InlineData("auto", true, null, null, true)]
    [InlineData("auto", true, "1", null, false)]
    [InlineData("auto", false, null, "1", true)]
    [InlineData("auto", false, null, "0", false)]
    [InlineData("auto", true, "1", "1", false)]
    [InlineData("always", false, "1", null, true)]
    [InlineData("never", true, null, "1", false)]
    public void Color_follows_the_option_NO_COLOR_FORCE_COLOR_and_the_terminal(string mode, bool terminal, string? noColor, string? forceColor, bool colored)
    {
        var variables = new Dictionary<string, string>();
        if (noColor is not null)
            variables["NO_COLOR"] = noColor;
        if (forceColor is not null)
            variables["FORCE_COLOR"] = forceColor;

        var run = CliRunner.Run(directory.Path, new CliRunner.RunOptions(StdoutIsTerminal: terminal, Variables: variables), "check", "--color", mode, "app.yaml");

        Assert.Equal(colored, run.Stdout.Contains('\u001b'));
        Assert.DoesNotContain('\u001b', run.Stderr);
    }

    [Fact]
    public void Color_never_reaches_a_file_and_manifest_text_cannot_inject_control_sequences()
    {
        directory.Write("evil.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"a\\e[2J\"\n  name: b\n");

        var run = CliRunner.Run(directory.Path, new CliRunner.RunOptions(StdoutIsTerminal: true), "check", "--color", "always", "--output", "report.txt", "evil.yaml");
        var plain = Run("check", "evil.yaml");

        Assert.DoesNotContain('\u001b', File.ReadAllText(Path.Combine(directory.Path, "report.txt")));
        Assert.DoesNotContain('\u001b', plain.Stdout);
        Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
    }

    [Fact]
    public void Json_summary_lists_skipped_inputs()
    {
        directory.Write("kustomization.yaml", "resources: [app.yaml]\n");

        var run = Run("check", "--format", "json", ".");

        var summary = System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("skipped").GetInt32());
        var skipped = Assert.Single(summary.GetProperty("skippedInputs").EnumerateArray().ToArray());
        Assert.Equal("kustomization.yaml", skipped.GetProperty("path").GetString());
        Assert.False(string.IsNullOrEmpty(skipped.GetProperty("reason").GetString()));
    }

    private CliRun Run(params string[] args) => CliRunner.Run(directory.Path, args);

    private static string[] RuleIds(CliRun run) =>
        run.Stdout.Split('\n').Where(line => line.Length > 0)
            .Select(line => line.Substring(line.IndexOf('[', StringComparison.Ordinal) + 1, 6)).Distinct().Order().ToArray();
}
