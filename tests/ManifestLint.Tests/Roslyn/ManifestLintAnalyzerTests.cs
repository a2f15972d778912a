using ManifestLint.Analyzers;
using ManifestLint.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Tests.Roslyn;

public sealed class ManifestLintAnalyzerTests
{
    private const string DuplicateKey = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          name: settings-v2
        """;

    private const string UnusedSuppression = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings # manifestlint-disable-line ML9002
        """;

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "manifestlint-roslyn");

    private static string At(string relativePath) => Path.Combine(Root, relativePath);

    private static Diagnostic[] Manifestlint(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(diagnostic => diagnostic.Id.StartsWith("ML", StringComparison.Ordinal)).ToArray();

    private static void AssertNoAnalyzerFailure(IEnumerable<Diagnostic> diagnostics) =>
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id is "AD0001" or "CS9057");

    [Fact]
    public async Task Reports_a_finding_in_the_yaml_file_with_its_line_column_and_span()
    {
        var diagnostics = await AnalyzerHarness.RunAsync(TestAdditionalFile.Manifest(At("k8s/app.yaml"), DuplicateKey));

        AssertNoAnalyzerFailure(diagnostics);
        var diagnostic = Assert.Single(Manifestlint(diagnostics));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(("ML9002", DiagnosticSeverity.Error, At("k8s/app.yaml")), (diagnostic.Id, diagnostic.Severity, span.Path));
        Assert.Equal(new LinePosition(4, 2), span.StartLinePosition);
        Assert.Equal(new LinePosition(4, 6), span.EndLinePosition);
        Assert.Equal("name", DuplicateKey.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.StartsWith("duplicate key 'name'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignores_additional_files_that_are_not_marked_as_manifests()
    {
        var unmarked = new TestAdditionalFile(At("config/app.yaml"), DuplicateKey);
        var otherMarker = new TestAdditionalFile(At("config/other.yaml"), DuplicateKey, new Dictionary<string, string> { [AnalysisSession.MarkerKey] = "false" });

        var diagnostics = await AnalyzerHarness.RunAsync(unmarked, otherMarker);

        Assert.Empty(Manifestlint(diagnostics));
    }

    [Fact]
    public async Task Applies_the_levels_and_exclusions_of_the_configuration_file()
    {
        var config = TestAdditionalFile.Config(At(".manifestlint.yaml"), "rules:\n  ML9002: warning\n  ML9003: warning\nexclude:\n  - k8s/generated/**\n");
        var duplicate = TestAdditionalFile.Manifest(At("k8s/dup.yaml"), DuplicateKey);
        var unused = TestAdditionalFile.Manifest(At("k8s/unused.yaml"), UnusedSuppression);
        var excluded = TestAdditionalFile.Manifest(At("k8s/generated/unused.yaml"), UnusedSuppression);

        var diagnostics = await AnalyzerHarness.RunAsync(config, duplicate, unused, excluded);

        var reported = Manifestlint(diagnostics)
            .Select(diagnostic => (diagnostic.Id, diagnostic.Severity, diagnostic.Location.GetLineSpan().Path))
            .OrderBy(entry => entry.Id, StringComparer.Ordinal);
        Assert.Equal([("ML9002", DiagnosticSeverity.Warning, At("k8s/dup.yaml")), ("ML9003", DiagnosticSeverity.Warning, At("k8s/unused.yaml"))], reported);
    }

    [Fact]
    public async Task An_invalid_configuration_is_reported_once_at_the_offending_key_and_nothing_is_linted()
    {
        var config = TestAdditionalFile.Config(At(".manifestlint.yaml"), "rules:\n  ML9002: loud\n");

        var diagnostics = await AnalyzerHarness.RunAsync(config, TestAdditionalFile.Manifest(At("k8s/a.yaml"), DuplicateKey), TestAdditionalFile.Manifest(At("k8s/b.yaml"), DuplicateKey));

        var diagnostic = Assert.Single(Manifestlint(diagnostics));
        Assert.Equal((ManifestDiagnostics.InvalidConfiguration.Id, At(".manifestlint.yaml"), 1), (diagnostic.Id, diagnostic.Location.GetLineSpan().Path, diagnostic.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains("level 'loud'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    public async Task The_per_file_severity_key_sets_the_level_of_a_rule(string value, DiagnosticSeverity expected)
    {
        var file = TestAdditionalFile.Manifest(At("k8s/app.yaml"), UnusedSuppression, ("manifestlint_diagnostic.ML9003.severity", value));

        var diagnostic = Assert.Single(Manifestlint(await AnalyzerHarness.RunAsync(file)));

        Assert.Equal(("ML9003", expected), (diagnostic.Id, diagnostic.Severity));
    }

    [Fact]
    public async Task The_per_file_severity_key_applies_only_to_its_file_and_none_switches_the_rule_off()
    {
        var quiet = TestAdditionalFile.Manifest(At("k8s/quiet.yaml"), DuplicateKey, ("manifestlint_diagnostic.ML9002.severity", "none"));
        var loud = TestAdditionalFile.Manifest(At("k8s/loud.yaml"), DuplicateKey);

        var diagnostic = Assert.Single(Manifestlint(await AnalyzerHarness.RunAsync(quiet, loud)));

        Assert.Equal(At("k8s/loud.yaml"), diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public async Task A_globalconfig_severity_switches_on_a_rule_the_configuration_turned_off()
    {
        var config = TestAdditionalFile.Config(At(".manifestlint.yaml"), "rules:\n  ML9002: off\n");
        var file = TestAdditionalFile.Manifest(At("k8s/app.yaml"), DuplicateKey);

        var withoutGlobal = Manifestlint(await AnalyzerHarness.RunAsync(config, file));
        var withGlobal = Manifestlint(await AnalyzerHarness.RunAsync([config, file], new Dictionary<string, ReportDiagnostic> { ["ML9002"] = ReportDiagnostic.Warn }));

        Assert.Empty(withoutGlobal);
        var diagnostic = Assert.Single(withGlobal);
        Assert.Equal(("ML9002", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
    }

    private const string PodWithoutDigest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: registry.example.com/web:1.0.0
        """;

    private static async Task<Diagnostic[]> OptInRule(TestAdditionalFile[] files, Dictionary<string, ReportDiagnostic>? global = null) =>
        Manifestlint(await AnalyzerHarness.RunAsync(files, global)).Where(diagnostic => diagnostic.Id == "ML4007").ToArray();

    [Fact]
    public async Task An_opt_in_rule_stays_quiet_until_the_configuration_the_per_file_key_or_a_globalconfig_switches_it_on()
    {
        Assert.Equal(RuleLevel.Off, RuleCatalog.Find("ML4007")!.Level);
        var manifest = TestAdditionalFile.Manifest(At("k8s/pod.yaml"), PodWithoutDigest);

        Assert.Empty(await OptInRule([manifest]));

        var byConfig = await OptInRule([manifest, TestAdditionalFile.Config(At(".manifestlint.yaml"), "rules:\n  image-without-digest: warning\n")]);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(byConfig).Severity);

        var byKey = await OptInRule([TestAdditionalFile.Manifest(At("k8s/pod.yaml"), PodWithoutDigest, ("manifestlint_diagnostic.ML4007.severity", "error"))]);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(byKey).Severity);

        var byGlobal = await OptInRule([manifest], new Dictionary<string, ReportDiagnostic> { ["ML4007"] = ReportDiagnostic.Info });
        Assert.Equal(DiagnosticSeverity.Info, Assert.Single(byGlobal).Severity);
        Assert.Equal(new LinePosition(7, 13), byGlobal[0].Location.GetLineSpan().StartLinePosition);
    }

    [Fact]
    public async Task Never_throws_when_a_file_cannot_be_read()
    {
        var throwing = new TestAdditionalFile(At("k8s/throws.yaml"), null, new Dictionary<string, string> { [AnalysisSession.MarkerKey] = "true" })
        {
            TextFactory = () => throw new IOException("disk on fire"),
        };
        var missing = new TestAdditionalFile(At("k8s/missing.yaml"), null, new Dictionary<string, string> { [AnalysisSession.MarkerKey] = "true" });
        var fine = TestAdditionalFile.Manifest(At("k8s/fine.yaml"), DuplicateKey);

        var diagnostics = await AnalyzerHarness.RunAsync(throwing, missing, fine);

        AssertNoAnalyzerFailure(diagnostics);
        Assert.Equal([At("k8s/fine.yaml")], Manifestlint(diagnostics).Select(diagnostic => diagnostic.Location.GetLineSpan().Path));
    }

    [Fact]
    public async Task A_custom_resource_is_judged_by_a_definition_in_any_manifest_whatever_the_order()
    {
        const string crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec: {type: object, properties: {size: {type: string}}}
            """;
        var widget = TestAdditionalFile.Manifest(At("k8s/a-widget.yaml"), "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: blue}\nspec: {sise: small}\n");

        foreach (var files in new[] { new[] { widget, TestAdditionalFile.Manifest(At("k8s/z-crd.yaml"), crd) }, [TestAdditionalFile.Manifest(At("k8s/z-crd.yaml"), crd), widget] })
        {
            var diagnostics = Manifestlint(await AnalyzerHarness.RunAsync(files));
            var unknownField = Assert.Single(diagnostics, diagnostic => diagnostic.Id == "ML8001");
            Assert.Equal(At("k8s/a-widget.yaml"), unknownField.Location.GetLineSpan().Path);
            Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id == "ML8006");
        }
    }

    [Fact]
    public async Task Broken_yaml_is_a_finding_not_an_analyzer_failure()
    {
        var diagnostics = await AnalyzerHarness.RunAsync(TestAdditionalFile.Manifest(At("k8s/broken.yaml"), "a: [1, 2\nb: c\n\t- x: {\n"));

        AssertNoAnalyzerFailure(diagnostics);
        Assert.Contains(Manifestlint(diagnostics), diagnostic => diagnostic.Id == "ML9001");
    }

    [Fact]
    public void Has_one_descriptor_per_rule_generated_from_the_catalog()
    {
        var byId = ManifestDiagnostics.ByRuleId;
        Assert.Equal(RuleCatalog.Descriptors.Select(rule => rule.Id).Order(StringComparer.Ordinal), byId.Keys.Order(StringComparer.Ordinal));
        foreach (var rule in RuleCatalog.Descriptors)
        {
            var descriptor = byId[rule.Id];
            Assert.Equal(rule.Title, descriptor.Title.ToString());
            Assert.Equal("{0}", descriptor.MessageFormat.ToString());
            Assert.Equal(rule.Category.ToString(), descriptor.Category);
            Assert.Equal(ManifestDiagnostics.ToSeverity(rule.Level), descriptor.DefaultSeverity);
            Assert.Equal($"https://github.com/manifestlint/manifestlint/blob/main/rules.md#{rule.Anchor}", descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), $"{rule.Id} has no 'What it does' description");
        }

        Assert.Equal(byId.Count, new ManifestLintAnalyzer().SupportedDiagnostics.Length);
    }
}
