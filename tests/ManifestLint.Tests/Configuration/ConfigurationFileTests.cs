using ManifestLint.Cli;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Tests.Configuration;

public sealed class ConfigurationFileTests
{
    private const string Path = "repo/.manifestlint.yaml";

    [Fact]
    public void Parses_every_setting()
    {
        const string yaml = """
            # comments are fine
            rules:
              ML5002: error
              missing-readiness-probe: off
              ml5006: warning
              unused-suppression: info
            exclude:
              - vendor/
              - "**/*.generated.yaml"
            kubernetesVersion: "1.35.3"
            rollout:
              nodes: 5
              maxExtraPods: 0
            """;
        var configuration = ConfigurationFile.Parse(Path, yaml);
        Assert.Equal(Path, configuration.SourcePath);
        Assert.Equal(RuleLevel.Error, configuration.RuleLevels["ML5002"]);
        Assert.Equal(RuleLevel.Off, configuration.RuleLevels["ML5003"]);
        Assert.Equal(RuleLevel.Warning, configuration.RuleLevels["ML5006"]);
        Assert.Equal(RuleLevel.Info, configuration.RuleLevels["ML9003"]);
        Assert.Equal(["vendor/", "**/*.generated.yaml"], configuration.Exclude);
        Assert.Equal(new KubernetesVersion(1, 35, 3), configuration.KubernetesVersion);
        Assert.Equal(new RolloutSettings(5, 0), configuration.Rollout);
    }

    [Fact]
    public void Rule_names_and_ids_set_the_level_the_linter_uses()
    {
        var configuration = ConfigurationFile.Parse(Path, "rules:\n  missing-readiness-probe: error\n  ML5002: off\n");
        var byName = RuleCatalog.Find("missing-readiness-probe")!;
        Assert.Equal(RuleLevel.Error, configuration.LevelOf(byName));
        Assert.Equal(RuleLevel.Off, configuration.LevelOf(RuleCatalog.Find("ML5002")!));
        Assert.Equal(byName.Level, LintConfiguration.Default.LevelOf(byName));

        const string deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  revisionHistoryLimit: 0\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: nginx:1.27.2}]}}\n";
        var findings = TestSupport.Lint(deployment, configuration);
        Assert.DoesNotContain(findings, f => f.Rule.Id == "ML5002");
        Assert.Equal(RuleLevel.Error, Assert.Single(findings, f => f.Rule.Id == "ML5003").Level);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("# only a comment\n", null)]
    [InlineData("~\n", null)]
    [InlineData("exclude:\n", 0)]
    public void Empty_configuration_is_the_default(string yaml, int? excludes)
    {
        var configuration = ConfigurationFile.Parse(Path, yaml);
        Assert.Equal(KubernetesVersion.Newest, configuration.KubernetesVersion);
        Assert.Empty(configuration.RuleLevels);
        Assert.Equal(excludes ?? 0, configuration.Exclude.Count);
    }

    [Theory]
    [InlineData("rules: {ML5002: error\n", 2, "YAML syntax error")]
    [InlineData("rules:\n  ML5002: error\n  ML5002: off\n", 3, "duplicate key 'ML5002'")]
    [InlineData("- rules\n", 1, "must be a mapping")]
    [InlineData("rules: {}\nrulez: {}\n", 2, "unknown key 'rulez'")]
    [InlineData("rules: [ML5002]\n", 1, "'rules' must map")]
    [InlineData("rules:\n  ML5999: error\n", 2, "unknown rule 'ML5999'")]
    [InlineData("rules:\n  no-such-rule: off\n", 2, "unknown rule 'no-such-rule'")]
    [InlineData("rules:\n  ML5002: fatal\n", 2, "rule 'ML5002' has level 'fatal'")]
    [InlineData("rules:\n  ML5002: Error\n", 2, "rule 'ML5002' has level 'Error'")]
    [InlineData("rules:\n  ML5002: [error]\n", 2, "rule 'ML5002' has level")]
    [InlineData("exclude: vendor/\n", 1, "'exclude' must be a list")]
    [InlineData("exclude:\n  - ok\n  - {a: b}\n", 2, "'exclude' must be a list")]
    [InlineData("kubernetesVersion: latest\n", 1, "'kubernetesVersion': Kubernetes version 'latest' must look like X.Y or X.Y.Z")]
    [InlineData("kubernetesVersion: 2\n", 1, "'kubernetesVersion': Kubernetes version '2' must look like X.Y or X.Y.Z")]
    [InlineData("kubernetesVersion: [1.37]\n", 1, "'kubernetesVersion' must be a string")]
    [InlineData("\nkubernetesVersion: \"1.99\"\n", 2, "'kubernetesVersion': unknown Kubernetes version '1.99': known versions are 1.29–1.37")]
    [InlineData("kubernetesVersion: \"1.20\"\n", 1, "unknown Kubernetes version '1.20': known versions are 1.29–1.37")]
    [InlineData("rollout: 3\n", 1, "'rollout' must be a mapping")]
    [InlineData("rollout:\n  nodes: 3\n  pods: 4\n", 3, "unknown key 'rollout.pods'")]
    [InlineData("rollout:\n  nodes: -1\n", 2, "'rollout.nodes' must be a non-negative integer")]
    [InlineData("rollout:\n  maxExtraPods: many\n", 2, "'rollout.maxExtraPods' must be a non-negative integer")]
    [InlineData("baseline: [a.json]\n", 1, "'baseline' must be the path of a baseline file")]
    [InlineData("baseline: \"\"\n", 1, "'baseline' must be the path of a baseline file")]
    [InlineData("rules: {}\nbaselines: a.json\n", 2, "unknown key 'baselines' (did you mean 'baseline'?)")]
    public void Invalid_configuration_names_the_file_position_and_key(string yaml, int line, string message)
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationFile.Parse(Path, yaml));
        Assert.Equal(Path, exception.Path);
        Assert.Equal(line, exception.Position!.Value.Line);
        Assert.StartsWith($"{Path}:{line}:{exception.Position.Value.Column}: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_baseline_is_relative_to_the_configuration_file_and_need_not_exist_yet()
    {
        var configuration = ConfigurationFile.Parse("/work/repo/.manifestlint.yaml", "baseline: ci/manifestlint-baseline.json\n");

        Assert.Equal("/work/repo/ci/manifestlint-baseline.json", configuration.BaselinePath);
        Assert.Null(LintConfiguration.Default.BaselinePath);
    }

    [Fact]
    public void Unknown_key_error_points_at_the_key()
    {
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationFile.Parse(Path, "rules: {}\n  \nexcludes: [a]\n"));
        Assert.Equal((3, 1), (exception.Position!.Value.Line, exception.Position.Value.Column));
    }

    [Fact]
    public void Unreadable_file_is_a_configuration_error_without_position()
    {
        var missing = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Guid.NewGuid().ToString("N"), ".manifestlint.yaml");
        var exception = Assert.Throws<ConfigurationException>(() => ConfigurationFile.Load(missing));
        Assert.Null(exception.Position);
        Assert.Contains("cannot read", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_finds_the_nearest_file_upward()
    {
        using var temp = new TempDirectory();
        var root = temp.Create(".manifestlint.yaml", "rules: {}\n");
        var deep = Directory.CreateDirectory(System.IO.Path.Combine(temp.Path, "a", "b", "c")).FullName;
        Assert.Equal(root, ConfigurationFile.Discover(deep));

        var nearer = temp.Create(System.IO.Path.Combine("a", ".manifestlint.yml"), "rules: {}\n");
        Assert.Equal(nearer, ConfigurationFile.Discover(deep));
        Assert.Equal(root, ConfigurationFile.Discover(temp.Path));
    }

    [Fact]
    public void Invalid_configuration_makes_the_cli_exit_2_with_file_line_and_key()
    {
        using var temp = new TempDirectory();
        temp.Create(".manifestlint.yaml", "rules:\n  ML5002: loud\n");
        temp.Create("app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment(new StringReader(string.Empty), stdout, stderr, temp.Path, false, _ => null);

        var exitCode = ManifestLintCli.Run(["check", "app.yaml"], environment);

        Assert.Equal(ExitCodes.UsageOrInputError, exitCode);
        var error = stderr.ToString().TrimEnd();
        Assert.DoesNotContain('\n', error);
        Assert.Contains(".manifestlint.yaml:2:11: rule 'ML5002' has level 'loud'", error, StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }
}

/// <summary>A directory under the system temp folder, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "manifestlint-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    public string Create(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
