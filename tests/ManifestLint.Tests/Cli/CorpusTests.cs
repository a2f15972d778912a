using System.Text.RegularExpressions;
using ManifestLint.Cli;
using ManifestLint.Engine;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Cli;

/// <summary>Real manifests written by others (../shared/corpus): no crash, no stack trace, every parse error placed.</summary>
[Trait("Data", "Shared")]
public sealed class CorpusTests
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    private static string[] CorpusFiles() =>
        Directory.EnumerateFiles(TestSupport.CorpusDirectory, "*", SearchOption.AllDirectories)
            .Where(file => ManifestExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [SharedDataFact]
    public void Check_over_the_whole_corpus_reports_without_crashing()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment(new StringReader(string.Empty), stdout, stderr, TestSupport.RepositoryRoot, false, _ => null);

        var exitCode = ManifestLintCli.Run(["check", TestSupport.CorpusDirectory, "--verbose"], environment);

        var output = stdout.ToString();
        var errors = stderr.ToString();
        Assert.True(exitCode is ExitCodes.Success or ExitCodes.FindingsReported, $"exit code {exitCode}; stderr: {errors}");
        Assert.DoesNotContain("internal error", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("[ML9000]", output, StringComparison.Ordinal);
        foreach (var text in new[] { output, errors })
        {
            Assert.DoesNotMatch(@"\n\s+at [\w.]+\(", text);
            Assert.DoesNotContain("--- End of stack trace", text, StringComparison.Ordinal);
        }

        var lines = output.Split('\n');
        var summary = Assert.Single(lines, line => Regex.IsMatch(line, @"^\d+ errors?, "));
        // Every file is linted except kustomize patches (partial objects), which are skipped before linting when a
        // kustomization in their folder lists them, or while linting when their kustomization is among the inputs.
        var patches = errors.Split('\n').Where(line => line.Contains(": skipped: kustomize patch listed in ", StringComparison.Ordinal))
            .Select(line => line[..line.IndexOf(": skipped: ", StringComparison.Ordinal)]).Distinct().Count();
        var linted = int.Parse(Regex.Match(summary, @" in (\d+) files").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(linted, CorpusFiles().Length - patches, CorpusFiles().Length);

        var syntaxErrors = lines.Where(line => line.Contains("[ML9001]", StringComparison.Ordinal)).ToArray();
        var unplaced = syntaxErrors.Where(line => !Regex.IsMatch(line, @"^\S.*?:\d+:\d+: error\[ML9001\] ")).ToArray();
        Assert.True(unplaced.Length == 0, "ML9001 without line:col:\n" + string.Join("\n", unplaced));
    }

    [SharedDataFact]
    public void Every_corpus_file_lints_without_an_exception()
    {
        var files = CorpusFiles();
        Assert.True(files.Length > 700, $"the corpus at {TestSupport.CorpusDirectory} holds only {files.Length} manifests");
        var linter = new Linter();
        var failures = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var result = linter.LintFile(new SourceFile(file, File.ReadAllText(file)));
                failures.AddRange(result.Findings.Where(f => f.Rule.Id == "ML9000").Select(f => $"{file}:{f.Start}: {f.Message}"));
                failures.AddRange(result.Findings.Where(f => f.Start.Line < 1 || f.Start.Column < 1 || f.End.Offset < f.Start.Offset)
                    .Select(f => $"{file}: {f.Rule.Id} has an impossible span {f.Start}-{f.End}"));
            }
            catch (Exception exception)
            {
                failures.Add($"{file}: {exception.GetType().Name}: {exception.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
