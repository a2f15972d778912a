using System.Text.Json;
using ManifestLint.Engine;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Reporting;
using ManifestLint.Engine.Rules.Input;

namespace ManifestLint.Tests.Reporting;

public sealed class ReporterTests
{
    private static readonly ReportOptions Options = new("9.8.7", SourceRoot: "/repo");

    private static readonly ResourceId Web = new("apps/v1", "Deployment", "default", "web");

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote \" backslash \\ slash /", "\"quote \\\" backslash \\\\ slash /\"")]
    [InlineData("tab\tnewline\ncr\rbell\u0007", "\"tab\\tnewline\\ncr\\rbell\\u0007\"")]
    [InlineData("line\u2028separator", "\"line\\u2028separator\"")]
    [InlineData("caf\u00e9 \U0001F680", "\"caf\u00e9 \U0001F680\"")]
    public void Json_writer_escapes_strings_per_RFC_8259(string value, string expected)
    {
        var quoted = JsonWriter.Quote(value);

        Assert.Equal(expected, quoted);
        Assert.Equal(value, JsonSerializer.Deserialize<string>(quoted));
    }

    [Fact]
    public void Json_writer_escapes_lone_surrogates_so_the_output_stays_valid_UTF_8()
    {
        // Built from chars: xunit theory data would replace lone surrogates with U+FFFD.
        var high = "a" + (char)0xD800 + "b";
        var low = "a" + (char)0xDC00 + "b";

        Assert.Equal("\"a\\ud800b\"", JsonWriter.Quote(high));
        Assert.Equal("\"a\\udc00b\"", JsonWriter.Quote(low));
    }

    [Fact]
    public void Json_report_has_the_documented_keys_in_order_and_sorted_findings()
    {
        var result = Result(
            Finding(InputRules.UnusedSuppression, RuleLevel.Info, "b.yaml", 3, 5, Web, "metadata.annotations.manifestlint.io/ignore"),
            Finding(InputRules.DuplicateKey, RuleLevel.Error, "a.yaml", 9, 1, null, null),
            Finding(InputRules.YamlSyntaxError, RuleLevel.Error, "a.yaml", 2, 7, null, null),
            Finding(InputRules.DuplicateKey, RuleLevel.Error, "a.yaml", 2, 7, null, null));

        var root = JsonDocument.Parse(Write(new JsonReporter(Options), result)).RootElement;

        Assert.Equal(["tool", "findings", "summary"], Keys(root));
        Assert.Equal("""{"name":"manifestlint","version":"9.8.7"}""", Compact(root.GetProperty("tool")));
        Assert.Equal("""{"files":2,"resources":1,"errors":3,"warnings":0,"infos":1,"skipped":0,"skippedInputs":[],"baseline":null}""", Compact(root.GetProperty("summary")));
        var findings = root.GetProperty("findings").EnumerateArray().ToArray();
        Assert.Equal(["a.yaml:2:7:ML9001", "a.yaml:2:7:ML9002", "a.yaml:9:1:ML9002", "b.yaml:3:5:ML9003"],
            findings.Select(f => $"{f.GetProperty("file").GetString()}:{f.GetProperty("line")}:{f.GetProperty("column")}:{f.GetProperty("ruleId").GetString()}"));
        Assert.Equal(
            """{"ruleId":"ML9003","ruleName":"unused-suppression","severity":"info","message":"message of ML9003","file":"b.yaml","line":3,"column":5,"endLine":3,"endColumn":9,"resource":{"apiVersion":"apps/v1","kind":"Deployment","namespace":"default","name":"web"},"path":"metadata.annotations.manifestlint.io/ignore","rejectedByApiServer":false}""",
            Compact(findings[3]));
        Assert.Equal(JsonValueKind.Null, findings[0].GetProperty("resource").ValueKind);
        Assert.Equal(JsonValueKind.Null, findings[0].GetProperty("path").ValueKind);
        Assert.True(findings[0].GetProperty("rejectedByApiServer").GetBoolean());
    }

    [Fact]
    public void Json_report_is_indented_with_two_spaces()
    {
        var text = Write(new JsonReporter(Options), Result());

        Assert.Equal("{\n  \"tool\": {\n    \"name\": \"manifestlint\",\n    \"version\": \"9.8.7\"\n  },\n  \"findings\": [],\n  \"summary\": {\n    \"files\": 2,\n    \"resources\": 1,\n    \"errors\": 0,\n    \"warnings\": 0,\n    \"infos\": 0,\n    \"skipped\": 0,\n    \"skippedInputs\": [],\n    \"baseline\": null\n  }\n}\n", text);
    }

    [Fact]
    public void Msbuild_report_uses_the_canonical_error_format_per_level()
    {
        var result = Result(
            Finding(InputRules.YamlSyntaxError, RuleLevel.Error, "deploy/web.yaml", 14, 7, null, null),
            Finding(InputRules.DuplicateKey, RuleLevel.Warning, "deploy/web.yaml", 15, 3, null, null),
            Finding(InputRules.UnusedSuppression, RuleLevel.Info, "deploy/web.yaml", 16, 9, Web, "spec"));

        var text = Write(new MsBuildReporter(), result);

        Assert.Equal(
            "deploy/web.yaml(14,7): error ML9001: message of ML9001\n"
            + "deploy/web.yaml(15,3): warning ML9002: message of ML9002\n"
            + "deploy/web.yaml(16,9): info ML9003: message of ML9003\n",
            text);
    }

    [Fact]
    public void Sarif_lists_every_catalog_rule_with_docs_help_uri_and_default_level()
    {
        var run = SarifRun(Result());

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(RuleCatalog.Descriptors.Select(rule => rule.Id), rules.Select(rule => rule.GetProperty("id").GetString()));
        foreach (var (descriptor, rule) in RuleCatalog.Descriptors.Zip(rules))
        {
            Assert.Equal(descriptor.Name, rule.GetProperty("name").GetString());
            Assert.Equal(descriptor.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal(RuleHelp.Summary(descriptor), rule.GetProperty("fullDescription").GetProperty("text").GetString());
            Assert.Equal(descriptor.Docs, rule.GetProperty("help").GetProperty("markdown").GetString());
            Assert.Equal(RuleHelp.PlainText(descriptor), rule.GetProperty("help").GetProperty("text").GetString());
            Assert.Equal("very-high", rule.GetProperty("properties").GetProperty("precision").GetString());
            Assert.Contains("kubernetes", rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
            Assert.Equal($"{ReportOptions.DefaultRulesDocumentUri}#{descriptor.Anchor}", rule.GetProperty("helpUri").GetString());
            Assert.Equal(SarifReporter.Level(descriptor.Level), rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            Assert.Equal(descriptor.RejectedByApiServer, rule.GetProperty("properties").GetProperty("rejectedByApiServer").GetBoolean());
        }
    }

    [Fact]
    public void Sarif_rule_help_text_is_the_docs_without_markdown()
    {
        var rule = InputRules.YamlSyntaxError;

        var summary = RuleHelp.Summary(rule);
        var text = RuleHelp.PlainText(rule);

        Assert.Equal("Reports a YAML or JSON syntax error, with the position where the parser gave up.", summary);
        Assert.StartsWith("What it does\nReports a YAML", text, StringComparison.Ordinal);
        Assert.Contains("\n    apiVersion: v1\n    kind: ConfigMap\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("```", text, StringComparison.Ordinal);
        Assert.DoesNotContain("##", text, StringComparison.Ordinal);
        Assert.Contains("kubectl apply refuses", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RuleLevel.Error, "error")]
    [InlineData(RuleLevel.Warning, "warning")]
    [InlineData(RuleLevel.Info, "recommendation")]
    public void Sarif_problem_severity_follows_the_rule_level(RuleLevel level, string severity)
    {
        Assert.Equal(severity, SarifReporter.ProblemSeverity(level));
    }

    [Theory]
    [InlineData("/repo/k8s", "web.yaml", "k8s/web.yaml", true)]
    [InlineData("/repo/k8s", "../other/x y.yaml", "other/x%20y.yaml", true)]
    [InlineData("/repo", "k8s/web.yaml", "k8s/web.yaml", true)]
    [InlineData("/elsewhere", "web.yaml", "file:///elsewhere/web.yaml", false)]
    [InlineData("/repo/k8s", "/repository-next-door/web.yaml", "file:///repository-next-door/web.yaml", false)]
    public void Sarif_paths_are_relative_to_the_source_root_not_the_working_directory(string workingDirectory, string file, string uri, bool based)
    {
        var reporter = new SarifReporter(Options with { WorkingDirectory = workingDirectory });

        Assert.Equal((uri, based ? SarifReporter.SourceRootId : null), reporter.ArtifactUriOf(file));
    }

    [Fact]
    public void Sarif_run_carries_the_automation_id()
    {
        var root = JsonDocument.Parse(Write(new SarifReporter(Options with { AutomationId = "manifestlint/check/k8s/" }), Result())).RootElement;

        Assert.Equal("manifestlint/check/k8s/", root.GetProperty("runs")[0].GetProperty("automationDetails").GetProperty("id").GetString());
    }

    [Fact]
    public void Sarif_result_has_level_rule_index_relative_uri_and_full_region()
    {
        var result = Result(Finding(InputRules.UnusedSuppression, RuleLevel.Info, "deploy/my web.yaml", 14, 7, Web, "spec.x"));

        var run = SarifRun(result);

        Assert.Equal("file:///repo/", run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());
        var sarifResult = run.GetProperty("results")[0];
        Assert.Equal("ML9003", sarifResult.GetProperty("ruleId").GetString());
        var ruleIndex = sarifResult.GetProperty("ruleIndex").GetInt32();
        Assert.Equal("ML9003", RuleCatalog.Descriptors[ruleIndex].Id);
        Assert.Equal("note", sarifResult.GetProperty("level").GetString());
        var location = sarifResult.GetProperty("locations")[0];
        Assert.Equal("""{"uri":"deploy/my%20web.yaml","uriBaseId":"%SRCROOT%"}""", Compact(location.GetProperty("physicalLocation").GetProperty("artifactLocation")));
        Assert.Equal("""{"startLine":14,"startColumn":7,"endLine":14,"endColumn":11}""", Compact(location.GetProperty("physicalLocation").GetProperty("region")));
        Assert.Equal("""[{"name":"web","fullyQualifiedName":"Deployment default/web","kind":"resource"}]""", Compact(location.GetProperty("logicalLocations")));
    }

    [Theory]
    [InlineData("/abs/dir/x.yaml", "file:///abs/dir/x.yaml")]
    [InlineData("/abs/d\u00efr #1/x.yaml", "file:///abs/d%C3%AFr%20%231/x.yaml")]
    [InlineData("C:/work/x.yaml", "file:///C:/work/x.yaml")]
    [InlineData("C:\\work\\x.yaml", "file:///C:/work/x.yaml")]
    public void Sarif_absolute_paths_become_file_uris_without_a_base(string path, string uri)
    {
        Assert.Equal((uri, null), SarifReporter.ArtifactUri(path));
    }

    [Theory]
    [InlineData("deploy/web.yaml", "deploy/web.yaml")]
    [InlineData("a:b.yaml", "a%3Ab.yaml")]
    [InlineData("deploy\\web.yaml", "deploy/web.yaml")]
    public void Sarif_relative_paths_are_escaped_and_based_on_SRCROOT(string path, string uri)
    {
        Assert.Equal((uri, SarifReporter.SourceRootId), SarifReporter.ArtifactUri(path));
    }

    [Fact]
    public void Sarif_fingerprints_survive_unrelated_edits_above_the_findings()
    {
        const string manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              name: settings-v2
              annotations: {manifestlint.io/ignore: "no-such-rule"}
            """;
        var before = LintedFingerprints(manifest);
        var after = LintedFingerprints("# a new comment\n\nkind: Namespace\napiVersion: v1\nmetadata: {name: shop}\n---\n" + manifest);

        Assert.Equal(2, before.Count);
        Assert.Equal(before, after);
        Assert.Equal(2, before.Values.Distinct().Count());
    }

    [Fact]
    public void Sarif_fingerprints_tell_repeated_findings_apart_and_ignore_messages_of_objects()
    {
        var first = Finding(InputRules.UnusedSuppression, RuleLevel.Info, "a.yaml", 3, 1, Web, "spec");
        var second = first with { Start = new SourcePosition(9, 1, 0), Message = "another message" };
        var otherPath = first with { Path = "metadata" };

        var fingerprints = SarifReporter.Fingerprints([first, second, otherPath]);
        var movedAndReworded = SarifReporter.Fingerprints([first with { Start = new SourcePosition(30, 4, 0), Message = "reworded" }]);

        Assert.Equal(3, fingerprints.Distinct().Count());
        Assert.Equal(fingerprints[0], movedAndReworded[0]);
    }

    private static Dictionary<string, string> LintedFingerprints(string yaml)
    {
        var findings = TestSupport.Lint(yaml).ToArray();
        var fingerprints = SarifReporter.Fingerprints(findings);
        return findings.Select((finding, index) => (finding.Rule.Id, fingerprints[index])).ToDictionary(pair => pair.Id, pair => pair.Item2);
    }

    private static JsonElement SarifRun(LintResult result)
    {
        var root = JsonDocument.Parse(Write(new SarifReporter(Options), result)).RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal(SarifReporter.SchemaUri, root.GetProperty("$schema").GetString());
        return Assert.Single(root.GetProperty("runs").EnumerateArray().ToArray());
    }

    private static Finding Finding(RuleDescriptor rule, RuleLevel level, string file, int line, int column, ResourceId? resource, string? path) =>
        new(rule, level, $"message of {rule.Id}", file, new SourcePosition(line, column, 0), new SourcePosition(line, column + 4, 0), resource, path);

    private static LintResult Result(params Finding[] findings) => new(findings, 2, 1, []);

    private static string Write(IReporter reporter, LintResult result)
    {
        var writer = new StringWriter();
        reporter.Write(result, writer);
        return writer.ToString();
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(property => property.Name).ToArray();

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
