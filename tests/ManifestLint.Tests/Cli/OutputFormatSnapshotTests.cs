// Regenerating the snapshots (after rules land or an output format changes) is one step, run from the repo root:
//
//   rm -rf tests/ManifestLint.Tests/Cli/__snapshots__ && dotnet test --filter "FullyQualifiedName~OutputFormatSnapshotTests"
//
// Snapshooter writes a missing snapshot instead of failing unless SNAPSHOOTER_STRICT_MODE=true (set in CI, so CI
// never accepts an unreviewed snapshot). Review the diff of __snapshots__/ before committing it. On a mismatch,
// the actual output lands in __snapshots__/__mismatch__/ (git-ignored).
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

    public static TheoryData<string> Formats() => new(Reporters.Formats);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Check_output_matches_the_snapshot(string format)
    {
        var run = CliRunner.Run(TestSupport.RepositoryRoot, "check", "--format", format, MixedInput);

        Snapshot.Match(Scrub(run), SnapshotNameExtension.Create(format));
    }

    [Fact]
    public void Every_output_format_has_a_snapshot()
    {
        var folder = Path.Combine(TestSupport.RepositoryRoot, "tests", "ManifestLint.Tests", "Cli", "__snapshots__");
        var missing = Reporters.Formats
            .Where(format => !File.Exists(Path.Combine(folder, $"{nameof(OutputFormatSnapshotTests)}.{nameof(Check_output_matches_the_snapshot)}_{format}.snap")))
            .ToArray();
        Assert.True(missing.Length == 0, $"formats without a committed snapshot: {string.Join(", ", missing)}");
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
        // JSON and SARIF are embedded as JSON (key order kept), so the snapshot reads like the report itself.
        object stdoutValue = stdout.StartsWith("{", StringComparison.Ordinal) ? JToken.Parse(stdout) : stdout.Split('\n');
        return new SnapshotRun(string.Join(" ", run.Args), run.ExitCode, stdoutValue, Clean(run.Stderr).Split('\n'));
    }

    /// <summary>Text output as lines, so a snapshot diff shows which line changed.</summary>
    internal sealed record SnapshotRun(string Args, int ExitCode, object Stdout, string[] Stderr);
}
