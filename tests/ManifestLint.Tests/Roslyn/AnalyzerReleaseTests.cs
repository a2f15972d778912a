using System.Text;
using ManifestLint.Engine;

namespace ManifestLint.Tests.Roslyn;

/// <summary>
/// AnalyzerReleases.Shipped.md + Unshipped.md must list every rule of the catalog with its category and default
/// severity. Set MANIFESTLINT_UPDATE_ANALYZER_RELEASES=1 to rewrite Unshipped.md from the catalog.
/// </summary>
public sealed class AnalyzerReleaseTests
{
    private static readonly string AnalyzerDirectory = Path.Combine(TestSupport.RepositoryRoot, "src", "Analyzers", "ManifestLint.Analyzers");

    [Fact]
    public void Release_files_list_every_rule_of_the_catalog_with_its_category_and_severity()
    {
        var shipped = Rows(File.ReadAllText(Path.Combine(AnalyzerDirectory, "AnalyzerReleases.Shipped.md")));
        var unshippedPath = Path.Combine(AnalyzerDirectory, "AnalyzerReleases.Unshipped.md");
        var expectedUnshipped = ExpectedUnshipped(shipped);
        if (Environment.GetEnvironmentVariable("MANIFESTLINT_UPDATE_ANALYZER_RELEASES") == "1")
            File.WriteAllText(unshippedPath, expectedUnshipped);

        var listed = shipped.Concat(Rows(File.ReadAllText(unshippedPath))).ToArray();
        var expected = Expected().ToArray();
        Assert.True(
            expected.Order().SequenceEqual(listed.Order()),
            "AnalyzerReleases.*.md disagree with the rule catalog; run MANIFESTLINT_UPDATE_ANALYZER_RELEASES=1 dotnet test --filter AnalyzerReleaseTests, "
            + "or make AnalyzerReleases.Unshipped.md read:\n" + expectedUnshipped);
    }

    private static IEnumerable<string> Expected() =>
        RuleCatalog.Descriptors
            .Select(rule => Row(rule.Id, rule.Category.ToString(), Severity(rule.Level), rule.Name));

    private static string ExpectedUnshipped(IReadOnlyCollection<string> shipped)
    {
        var builder = new StringBuilder()
            .Append("; Unshipped analyzer release\n")
            .Append("; https://github.com/dotnet/roslyn-analyzers/blob/main/src/Microsoft.CodeAnalysis.Analyzers/ReleaseTrackingAnalyzers.Help.md\n\n")
            .Append("### New Rules\n\n")
            .Append("Rule ID | Category | Severity | Notes\n")
            .Append("--------|----------|----------|-------\n");
        foreach (var row in Expected().Where(row => !shipped.Contains(row)).Order(StringComparer.Ordinal))
            builder.Append(row).Append('\n');
        return builder.ToString();
    }

    private static string Row(string id, string category, string severity, string notes) => $"{id} | {category} | {severity} | {notes}";

    private static string Severity(RuleLevel level) => level switch
    {
        RuleLevel.Error => "Error",
        RuleLevel.Warning => "Warning",
        RuleLevel.Info => "Info",
        _ => "Disabled",
    };

    /// <summary>The table rows (<c>ID | Category | Severity | Notes</c>) of a release file, normalised.</summary>
    private static List<string> Rows(string text) =>
        text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("ML", StringComparison.Ordinal) && line.Contains('|'))
            .Select(line => string.Join(" | ", line.Split('|').Select(cell => cell.Trim())))
            .ToList();
}
