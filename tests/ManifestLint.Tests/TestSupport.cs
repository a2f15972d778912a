using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests;

/// <summary>Shared helpers: lint YAML text in memory and find the repository's folders.</summary>
internal static class TestSupport
{
    public static IReadOnlyList<Finding> Lint(string yaml, LintConfiguration? configuration = null, string path = "test.yaml") =>
        new Linter(configuration).LintFile(new SourceFile(path, yaml)).Findings;

    public static IReadOnlyList<Finding> Lint(string yaml, string ruleId, LintConfiguration? configuration = null) =>
        Lint(yaml, configuration).Where(finding => finding.Rule.Id == ruleId).ToArray();

    /// <summary>The baseline <c>check --write-baseline</c> writes for <paramref name="yaml"/>, its entries naming <paramref name="file"/>.</summary>
    public static string BaselineOf(string file, string yaml)
    {
        var writer = new StringWriter { NewLine = "\n" };
        Baseline.From(Lint(yaml, path: file), _ => file).Write(writer);
        return writer.ToString();
    }

    /// <summary>The repository root (the folder holding ManifestLint.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The data others wrote, beside the repository (absent in a plain clone).</summary>
    public static string SharedDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>The real-world corpus beside the repository.</summary>
    public static string CorpusDirectory => Path.Combine(SharedDirectory, "corpus");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ManifestLint.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("ManifestLint.sln not found above " + AppContext.BaseDirectory);
    }
}
