using ManifestLint.Analyzers;
using Microsoft.CodeAnalysis;

namespace ManifestLint.Tests.Roslyn;

/// <summary>The analyzer honours the baseline it is given as an AdditionalFile, by ManifestLintBaseline or <c>baseline:</c>.</summary>
public sealed class AnalyzerBaselineTests
{
    private const string DuplicateKey = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  name: settings-v2\n";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "manifestlint-roslyn-baseline");

    private static string At(string relativePath) => Path.Combine(Root, relativePath);

    [Fact]
    public async Task A_marked_baseline_hides_the_findings_it_records_and_only_those()
    {
        var baseline = new TestAdditionalFile(At("manifestlint-baseline.json"), TestSupport.BaselineOf("k8s/recorded.yaml", DuplicateKey), Marker("baseline"));
        // The same finding two lines further down: line numbers are no part of an entry.
        var recorded = TestAdditionalFile.Manifest(At("k8s/recorded.yaml"), "# moved\n\n" + DuplicateKey);
        var other = TestAdditionalFile.Manifest(At("k8s/other.yaml"), DuplicateKey);

        var diagnostics = await AnalyzerHarness.RunAsync(baseline, recorded, other);

        AssertNoAnalyzerFailure(diagnostics);
        var diagnostic = Assert.Single(Manifestlint(diagnostics));
        Assert.Equal(("ML9002", At("k8s/other.yaml")), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path));
    }

    [Fact]
    public async Task The_configuration_baseline_is_found_among_the_additional_files_by_its_path()
    {
        var config = TestAdditionalFile.Config(At(".manifestlint.yaml"), "baseline: ci/baseline.json\n");
        // Not marked: the configuration names it, as when a project adds it to AdditionalFiles itself.
        var baseline = new TestAdditionalFile(At("ci/baseline.json"), TestSupport.BaselineOf("../k8s/app.yaml", DuplicateKey));
        var manifest = TestAdditionalFile.Manifest(At("k8s/app.yaml"), DuplicateKey);

        var diagnostics = await AnalyzerHarness.RunAsync(config, baseline, manifest);
        var withoutBaseline = await AnalyzerHarness.RunAsync(config, manifest);

        AssertNoAnalyzerFailure(diagnostics);
        Assert.Empty(Manifestlint(diagnostics));
        var missing = Assert.Single(Manifestlint(withoutBaseline));
        Assert.Equal((ManifestDiagnostics.InvalidConfiguration.Id, At(".manifestlint.yaml"), 0), (missing.Id, missing.Location.GetLineSpan().Path, missing.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains($"the baseline {At("ci/baseline.json")} is not among the AdditionalFiles", missing.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_baseline_is_reported_at_its_position_and_nothing_is_linted()
    {
        var baseline = new TestAdditionalFile(At("baseline.json"), "{\n  \"version\": 1,\n  \"entries\": {}\n}\n", Marker("baseline"));

        var diagnostics = await AnalyzerHarness.RunAsync(baseline, TestAdditionalFile.Manifest(At("k8s/app.yaml"), DuplicateKey));

        var diagnostic = Assert.Single(Manifestlint(diagnostics));
        Assert.Equal((ManifestDiagnostics.InvalidConfiguration.Id, At("baseline.json"), 2), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path, diagnostic.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Equal("invalid ManifestLint baseline: the baseline's \"entries\" must be an array", diagnostic.GetMessage());
    }

    private static Dictionary<string, string> Marker(string value) => new() { [AnalysisSession.MarkerKey] = value };

    private static Diagnostic[] Manifestlint(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(diagnostic => diagnostic.Id.StartsWith("ML", StringComparison.Ordinal)).ToArray();

    private static void AssertNoAnalyzerFailure(IEnumerable<Diagnostic> diagnostics) =>
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id is "AD0001" or "CS9057");
}
