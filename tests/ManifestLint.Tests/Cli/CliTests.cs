using ManifestLint.Cli;

namespace ManifestLint.Tests.Cli;

/// <summary>Exit codes, options and terminal behaviour of <c>check</c>, run in-process in a scratch folder.</summary>
public sealed class CliTests : IDisposable
{
    private const string CleanManifest = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {mode: fast}
        """;

    // ML9002 is an error whatever rules exist; ML9003 (an annotation naming no rule) is an info.
    private const string DuplicateKeyManifest = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          name: settings-v2
        """;

    private const string InfoOnlyManifest = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          annotations: {manifestlint.io/ignore: "no-such-rule"}
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("manifestlint-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Exit_code_is_0_for_clean_input()
    {
        Write("clean.yaml", CleanManifest);

        var run = Run("check", "clean.yaml");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("0 errors, 0 warnings, 0 infos in 1 file (1 resource)\n", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Exit_code_is_1_for_an_error_finding_at_the_default_fail_level()
    {
        Write("dup.yaml", DuplicateKeyManifest);

        var run = Run("check", "dup.yaml");

        Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
        Assert.StartsWith("dup.yaml:5:3: error[ML9002] duplicate key 'name'", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_below_the_fail_level_exit_0()
    {
        Write("info.yaml", InfoOnlyManifest);

        var run = Run("check", "info.yaml");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("info[ML9003]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_info_turns_an_info_into_exit_1()
    {
        Write("info.yaml", InfoOnlyManifest);

        Assert.Equal(ExitCodes.FindingsReported, Run("check", "--fail-on", "info", "info.yaml").ExitCode);
        Assert.Equal(ExitCodes.Success, Run("check", "--fail-on", "warning", "info.yaml").ExitCode);
    }

    [Fact]
    public void Fail_on_warning_counts_warnings_but_not_infos()
    {
        Write("info.yaml", InfoOnlyManifest);
        Write("warnings.manifestlint.yaml", "rules:\n  unused-suppression: warning\n");

        var asWarning = Run("check", "--config", "warnings.manifestlint.yaml", "--fail-on", "warning", "info.yaml");
        var defaultFailLevel = Run("check", "--config", "warnings.manifestlint.yaml", "info.yaml");

        Assert.Equal(ExitCodes.FindingsReported, asWarning.ExitCode);
        Assert.Contains("warning[ML9003]", asWarning.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, defaultFailLevel.ExitCode);
    }

    [Theory]
    [InlineData("check --frobnicate x.yaml", "manifestlint: unknown option '--frobnicate'")]
    [InlineData("check missing.yaml", "manifestlint: missing.yaml: no such file or directory")]
    [InlineData("check --format xml x.yaml", "manifestlint: --format must be one of text, json, sarif, msbuild, github, junit, gitlab, not 'xml'")]
    [InlineData("check --fail-on never x.yaml", "manifestlint: --fail-on must be one of error, warning, info, not 'never'")]
    [InlineData("check --config nowhere.yaml x.yaml", "manifestlint: nowhere.yaml: configuration file not found")]
    [InlineData("check --output", "manifestlint: option --output needs a value")]
    [InlineData("frobnicate", "manifestlint: unknown command 'frobnicate' (expected check, rollout, rules, explain); see manifestlint --help")]
    [InlineData("rules --format html", "manifestlint: --format must be one of text, markdown, json, not 'html'")]
    [InlineData("explain", "manifestlint: explain takes one rule ID or name, e.g. manifestlint explain ML9002")]
    public void Exit_code_is_2_with_one_line_on_stderr_for_usage_errors(string commandLine, string message)
    {
        Write("x.yaml", CleanManifest);

        var run = Run(commandLine.Split(' '));

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Equal(message + "\n", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Exit_code_is_2_for_an_invalid_configuration_naming_file_line_and_key()
    {
        Write("x.yaml", CleanManifest);
        Write(".manifestlint.yaml", "rules:\n  ML9003: loud\n");

        var run = Run("check", "x.yaml");

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        var configPath = Path.Combine(directory, ".manifestlint.yaml");
        Assert.Equal($"manifestlint: invalid configuration: {configPath}:2:11: rule 'ML9003' has level 'loud': expected off, info, warning or error\n", run.Stderr);
        Assert.DoesNotContain(" at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_option_writes_the_report_to_the_file_and_nothing_to_stdout()
    {
        Write("dup.yaml", DuplicateKeyManifest);

        var run = Run("check", "--format", "msbuild", "--output", "report.txt", "dup.yaml");

        Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        var report = File.ReadAllText(Path.Combine(directory, "report.txt"));
        Assert.Equal("dup.yaml(5,3): error ML9002: duplicate key 'name' (first defined at line 4); kubectl rejects the document\n", report);
    }

    [Fact]
    public void Output_to_a_missing_folder_creates_it()
    {
        Write("x.yaml", CleanManifest);

        var run = Run("check", "--output", "no/such/folder/report.txt", "x.yaml");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Dash_reads_the_manifest_from_stdin()
    {
        var run = CliRunner.Run(directory, new CliRunner.RunOptions(Stdin: DuplicateKeyManifest), "check", "-");

        Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
        Assert.StartsWith("<stdin>:5:3: error[ML9002]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_as_first_argument_means_check()
    {
        Write("dup.yaml", DuplicateKeyManifest);

        var run = Run("dup.yaml");

        Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
        Assert.Contains("error[ML9002]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Terminal_output_is_coloured_unless_NO_COLOR_is_set_or_stdout_is_redirected()
    {
        Write("dup.yaml", DuplicateKeyManifest);
        var noColor = new Dictionary<string, string> { ["NO_COLOR"] = "1" };

        var terminal = CliRunner.Run(directory, new CliRunner.RunOptions(StdoutIsTerminal: true), "check", "dup.yaml");
        var terminalWithNoColor = CliRunner.Run(directory, new CliRunner.RunOptions(StdoutIsTerminal: true, Variables: noColor), "check", "dup.yaml");
        var redirected = CliRunner.Run(directory, new CliRunner.RunOptions(StdoutIsTerminal: false), "check", "dup.yaml");
        var terminalToFile = CliRunner.Run(directory, new CliRunner.RunOptions(StdoutIsTerminal: true), "check", "--output", "out.txt", "dup.yaml");

        Assert.Contains("\u001b[31merror\u001b[0m[ML9002]", terminal.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', terminalWithNoColor.Stdout);
        Assert.DoesNotContain('\u001b', redirected.Stdout);
        Assert.DoesNotContain('\u001b', File.ReadAllText(Path.Combine(directory, "out.txt")));
    }

    [Fact]
    public void Machine_formats_never_contain_colour_codes()
    {
        Write("dup.yaml", DuplicateKeyManifest);

        foreach (var format in new[] { "json", "sarif", "msbuild" })
        {
            var run = CliRunner.Run(directory, new CliRunner.RunOptions(StdoutIsTerminal: true), "check", "--format", format, "dup.yaml");
            Assert.Equal(ExitCodes.FindingsReported, run.ExitCode);
            Assert.DoesNotContain('\u001b', run.Stdout);
        }
    }

    [Fact]
    public void Exit_codes_are_the_documented_numbers()
    {
        Assert.Equal(0, ExitCodes.Success);
        Assert.Equal(1, ExitCodes.FindingsReported);
        Assert.Equal(2, ExitCodes.UsageOrInputError);
    }

    private CliRun Run(params string[] args) => CliRunner.Run(directory, args);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(directory, name), text);
}
