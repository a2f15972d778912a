using System.Text.RegularExpressions;
using ManifestLint.Cli;
using ManifestLint.Engine.Configuration;
using ManifestLint.MsBuild;
using ManifestLint.Tests.Roslyn;
using TaskItem = Microsoft.Build.Utilities.TaskItem;
using Microsoft.CodeAnalysis;

namespace ManifestLint.Tests.MsBuildTask;

/// <summary>One engine, same answers: the CLI, the MSBuild task and the analyzer report identical findings.</summary>
public sealed class HostParityTests
{
    private static readonly Regex TextLine = new(@"^(?<file>.+):(?<line>\d+):(?<column>\d+): (?<level>error|warning|info)\[(?<rule>ML\d{4})\] ", RegexOptions.CultureInvariant);

    private static string SampleDirectory => Path.Combine(TestSupport.RepositoryRoot, "samples");

    private sealed record Reported(string Rule, string File, int Line, int Column, string Level)
    {
        public override string ToString() => $"{File}({Line},{Column}): {Level} {Rule}";
    }

    [Fact]
    public async Task Cli_task_and_analyzer_report_the_same_findings_over_the_samples()
    {
        var directory = SampleDirectory;
        var manifests = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetExtension(path) is ".yaml" or ".yml" or ".json")
            .Where(path => !ConfigurationFile.FileNames.Contains(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(manifests);

        var cli = RunCli(directory);
        var task = RunTask(directory, manifests);
        var analyzer = await RunAnalyzer(directory, manifests);

        Assert.NotEmpty(cli);
        Assert.Equal(cli, task);
        Assert.Equal(cli, analyzer);
    }

    private static Reported[] RunCli(string directory)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment(new StringReader(string.Empty), stdout, stderr, directory, StdoutIsTerminal: false, _ => null);
        var exitCode = ManifestLintCli.Run(["check", "."], environment);
        Assert.True(exitCode is ExitCodes.Success or ExitCodes.FindingsReported, stderr.ToString());
        return Sorted(stdout.ToString().Split('\n')
            .Select(line => TextLine.Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match => new Reported(
                match.Groups["rule"].Value,
                Path.GetFullPath(Path.Combine(directory, match.Groups["file"].Value)),
                int.Parse(match.Groups["line"].Value),
                int.Parse(match.Groups["column"].Value),
                match.Groups["level"].Value)));
    }

    private static Reported[] RunTask(string directory, string[] manifests)
    {
        var engine = new FakeBuildEngine();
        var task = new ManifestLintTask
        {
            BuildEngine = engine,
            ProjectDirectory = directory,
            Manifests = manifests.Select(path => new TaskItem(Path.GetRelativePath(directory, path))).ToArray(),
        };
        task.Execute();
        string Full(string file) => Path.GetFullPath(Path.Combine(directory, file));
        return Sorted(engine.Errors.Select(e => new Reported(e.Code, Full(e.File), e.LineNumber, e.ColumnNumber, "error"))
            .Concat(engine.Warnings.Select(w => new Reported(w.Code, Full(w.File), w.LineNumber, w.ColumnNumber, "warning")))
            .Concat(engine.CodedMessages.Select(m => new Reported(m.Code, Full(m.File), m.LineNumber, m.ColumnNumber, "info"))));
    }

    private static async Task<Reported[]> RunAnalyzer(string directory, string[] manifests)
    {
        var files = manifests.Select(path => TestAdditionalFile.Manifest(path, File.ReadAllText(path))).ToList();
        if (ConfigurationFile.Discover(directory) is { } config)
            files.Add(TestAdditionalFile.Config(config, File.ReadAllText(config)));
        var diagnostics = await AnalyzerHarness.RunAsync([.. files]);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "AD0001");
        return Sorted(diagnostics
            .Where(diagnostic => diagnostic.Id.StartsWith("ML", StringComparison.Ordinal))
            .Select(diagnostic =>
            {
                var span = diagnostic.Location.GetLineSpan();
                var level = diagnostic.Severity switch
                {
                    DiagnosticSeverity.Error => "error",
                    DiagnosticSeverity.Warning => "warning",
                    _ => "info",
                };
                return new Reported(diagnostic.Id, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, level);
            }));
    }

    private static Reported[] Sorted(IEnumerable<Reported> findings) =>
        findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Rule, StringComparer.Ordinal).ToArray();
}
