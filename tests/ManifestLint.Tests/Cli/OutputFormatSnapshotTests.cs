// Regenerating the snapshots (after rules land or an output format changes) is one step, from the repository root:
//
//   MANIFESTLINT_UPDATE_SNAPSHOTS=1 dotnet test --filter "FullyQualifiedName~OutputFormatSnapshotTests"
//
// then review the diff of tests/ManifestLint.Tests/Cli/__snapshots__/ and commit it. Without that variable a missing
// snapshot fails (as SNAPSHOOTER_STRICT_MODE=true would), and a mismatch fails with the actual output written to
// __snapshots__/__mismatch__/ (git-ignored).
using System.Text.RegularExpressions;
using ManifestLint.Cli;
using ManifestLint.Engine.Reporting;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace ManifestLint.Tests.Cli;

/// <summary>One small mixed input through <c>check</c> in every output format: args, exit code, stdout and stderr.</summary>
public sealed class OutputFormatSnapshotTests
{
    public const string MixedInput = "tests/ManifestLint.Tests/Cli/Inputs/mixed.yaml";

    private const string UpdateVariable = "MANIFESTLINT_UPDATE_SNAPSHOTS";

    private static readonly string SnapshotFolder = Path.Combine(TestSupport.RepositoryRoot, "tests", "ManifestLint.Tests", "Cli", "__snapshots__");

    public static TheoryData<string> Formats() => new(Reporters.Formats);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Check_output_matches_the_snapshot(string format)
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "check", "--format", format, MixedInput);

        var snapshot = Path.Combine(SnapshotFolder, $"{nameof(OutputFormatSnapshotTests)}.{nameof(Check_output_matches_the_snapshot)}_{format}.snap");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            File.Delete(snapshot);
        else
            Assert.True(File.Exists(snapshot), $"no snapshot for --format {format}; create it with {UpdateVariable}=1 (see the top of {nameof(OutputFormatSnapshotTests)}.cs)");
        Snapshot.Match(Scrub(run), SnapshotNameExtension.Create(format));
    }

    /// <summary>The run with the machine's repository path as {root} and the tool version as {version}.</summary>
    internal static SnapshotRun Scrub(CliRun run)
    {
        string Clean(string text)
        {
            text = text.Replace(SarifReporter.FileUri(TestSupport.RepositoryRoot, directory: true), "file:///{root}/")
                .Replace(TestSupport.RepositoryRoot, "{root}");
            return Regex.Replace(text, $"(\"(?:version|semanticVersion)\": \"){Regex.Escape(ManifestLintCli.Version)}\"", "$1{version}\"");
        }

        var stdout = Clean(run.Stdout);
        // JSON, SARIF and GitLab reports are embedded as JSON (key order kept), so the snapshot reads like the report itself.
        object stdoutValue = stdout.StartsWith("{", StringComparison.Ordinal) || stdout.StartsWith("[", StringComparison.Ordinal) ? JToken.Parse(stdout) : stdout.Split('\n');
        return new SnapshotRun(string.Join(" ", run.Args), run.ExitCode, stdoutValue, Clean(run.Stderr).Split('\n'));
    }

    /// <summary>Text output as lines, so a snapshot diff shows which line changed.</summary>
    internal sealed record SnapshotRun(string Args, int ExitCode, object Stdout, string[] Stderr);
}
