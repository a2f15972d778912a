using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using ManifestLint.Engine;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Benchmarks;

/// <summary>
/// Loading and linting one file of the generated corpus that bench/bench.py times as a whole process: 100 documents
/// cycled from samples/, names made unique the same way. Time and allocated bytes per file, in-process, on one
/// thread: the allocations are what the garbage collector has to clear, the largest cost of a run (bench/README.md).
/// </summary>
[MemoryDiagnoser]
public class LoadAndLintBenchmarks
{
    private SourceFile file = null!;
    private Linter linter = null!;

    [GlobalSetup]
    public void Setup()
    {
        file = new SourceFile("part-00000.yaml", GeneratedDocuments(100));
        linter = new Linter();
    }

    [Benchmark(Baseline = true)]
    public LoadedFile Load_100_documents() => ManifestLoader.Load(file);

    [Benchmark]
    public FileLintResult Lint_100_documents() => linter.LintFile(file);

    /// <summary>
    /// As bench.py's generated corpus: the samples' documents in turn, each named <c>g{index}-…</c>, each round
    /// through the samples one application with its own <c>app</c> label.
    /// </summary>
    private static string GeneratedDocuments(int count)
    {
        var templates = new List<string>();
        foreach (var sample in Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples"), "*.yaml").OrderBy(path => path, StringComparer.Ordinal))
        {
            foreach (var document in File.ReadAllText(sample).Split(["\n---\n"], StringSplitOptions.None))
            {
                if (document.Contains("kind:") && document.Contains("name:"))
                    templates.Add(document.Trim('-', '\n') + "\n");
            }
        }

        var parts = new List<string>();
        for (var index = 0; index < count; index++)
        {
            var template = templates[index % templates.Count];
            var at = template.IndexOf("name: ", StringComparison.Ordinal);
            var document = template.Substring(0, at) + $"name: g{index}-" + template.Substring(at + "name: ".Length);
            parts.Add(Regex.Replace(document, @"(?<![\w-])app: (\S+)", $"app: $1-{index / templates.Count}"));
        }

        return string.Join("---\n", parts);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ManifestLint.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("run from inside the repository: samples/ is read from its root");
    }
}
