using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml.Linq;
using ManifestLint.Engine;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Reporting;
using ManifestLint.Engine.Rules.Input;

namespace ManifestLint.Tests.Reporting;

/// <summary>The CI formats: GitHub workflow commands, JUnit XML and GitLab code quality.</summary>
public sealed class CiReporterTests
{
    private static readonly ReportOptions Options = new("9.8.7", SourceRoot: "/repo", WorkingDirectory: "/repo/k8s");

    private static readonly ResourceId Web = new("apps/v1", "Deployment", "default", "web");

    [Theory]
    [InlineData("100% sure", "100%25 sure", "100%25 sure")]
    [InlineData("a\r\nb", "a%0D%0Ab", "a%0D%0Ab")]
    [InlineData("key: a, b", "key: a, b", "key%3A a%2C b")]
    [InlineData("%0A literal", "%250A literal", "%250A literal")]
    public void Github_escapes_data_and_properties_as_the_runner_decodes_them(string value, string data, string property)
    {
        Assert.Equal(data, GitHubReporter.EscapeData(value));
        Assert.Equal(property, GitHubReporter.EscapeProperty(value));
    }

    [Fact]
    public void Github_writes_one_workflow_command_per_finding_with_repository_paths()
    {
        var result = Result(
            Finding(InputRules.DuplicateKey, RuleLevel.Error, "web,v2.yaml", 5, 3, 5, 7, null, "duplicate key 'name'\nsecond line"),
            Finding(InputRules.UnusedSuppression, RuleLevel.Info, "web.yaml", 2, 1, 4, 2, Web, "100% stale"));

        var text = Write(new GitHubReporter(Options), result);

        Assert.Equal(
            "::error file=k8s/web%2Cv2.yaml,line=5,col=3,endLine=5,endColumn=7,title=ML9002 duplicate-key::duplicate key 'name'%0Asecond line\n"
            + "::notice file=k8s/web.yaml,line=2,col=1,endLine=4,title=ML9003 unused-suppression::100%25 stale (Deployment default/web)\n",
            text);
    }

    [Fact]
    public void Junit_has_a_testcase_per_object_and_clean_file_and_a_failure_per_error_or_warning()
    {
        var result = Result(
            Finding(InputRules.DuplicateKey, RuleLevel.Error, "web.yaml", 5, 3, 5, 7, Web, "first"),
            Finding(InputRules.YamlSyntaxError, RuleLevel.Warning, "web.yaml", 9, 1, 9, 2, Web, "second \u0007 bell"),
            Finding(InputRules.UnusedSuppression, RuleLevel.Info, "web.yaml", 12, 1, 12, 2, null, "stale")) with
        {
            FilePaths = ["web.yaml", "clean.yaml"],
        };

        var xml = Write(new JUnitReporter(Options), result);
        var document = XDocument.Parse(xml);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", xml, StringComparison.Ordinal);
        var suites = document.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        Assert.Equal("3", suites.Attribute("tests")!.Value);
        Assert.Equal("1", suites.Attribute("failures")!.Value);
        var cases = suites.Descendants("testcase").ToArray();
        Assert.Equal(["k8s/clean.yaml|k8s/clean.yaml", "k8s/web.yaml|Deployment default/web", "k8s/web.yaml|k8s/web.yaml"],
            cases.Select(testCase => $"{testCase.Attribute("classname")!.Value}|{testCase.Attribute("name")!.Value}"));
        Assert.Empty(cases[0].Elements());
        Assert.Equal(["ML9002", "ML9001"], cases[1].Elements("failure").Select(failure => failure.Attribute("type")!.Value));
        Assert.Equal("ML9001 second \uFFFD bell", cases[1].Elements("failure").Last().Attribute("message")!.Value);
        Assert.Empty(cases[2].Elements("failure"));
        Assert.Equal("k8s/web.yaml:12:1: info[ML9003] stale", cases[2].Element("system-out")!.Value);
    }

    [Fact]
    public void Gitlab_issues_carry_severity_repository_path_lines_and_a_fingerprint_that_survives_line_moves()
    {
        var finding = Finding(InputRules.DuplicateKey, RuleLevel.Error, "web.yaml", 5, 3, 6, 1, Web, "duplicate key 'name'");
        var before = Issues(Result(finding));
        var moved = Issues(Result(finding with { Start = new SourcePosition(25, 3, 0), End = new SourcePosition(26, 1, 0) }));
        var otherFile = Issues(Result(finding with { File = "api.yaml" }));

        var issue = Assert.Single(before);
        Assert.Equal("""{"type":"issue","description":"ML9002: duplicate key 'name' (Deployment default/web)","check_name":"ML9002","categories":["Bug Risk"],"severity":"major","fingerprint":"","location":{"path":"k8s/web.yaml","lines":{"begin":5,"end":6}}}""",
            JsonSerializer.Serialize(issue, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Replace(issue.GetProperty("fingerprint").GetString()!, string.Empty));
        Assert.Equal(32, issue.GetProperty("fingerprint").GetString()!.Length);
        Assert.Equal(issue.GetProperty("fingerprint").GetString(), moved[0].GetProperty("fingerprint").GetString());
        Assert.NotEqual(issue.GetProperty("fingerprint").GetString(), otherFile[0].GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void Gitlab_fingerprints_tell_repeated_findings_apart()
    {
        var first = Finding(InputRules.UnusedSuppression, RuleLevel.Info, "web.yaml", 3, 1, 3, 2, null, "stale");
        var issues = Issues(Result(first, first with { Start = new SourcePosition(8, 1, 0) }));

        Assert.Equal(2, issues.Select(issue => issue.GetProperty("fingerprint").GetString()).Distinct().Count());
    }

    private static JsonElement[] Issues(LintResult result) =>
        JsonDocument.Parse(Write(new GitLabReporter(Options), result)).RootElement.EnumerateArray().ToArray();

    private static Finding Finding(RuleDescriptor rule, RuleLevel level, string file, int line, int column, int endLine, int endColumn, ResourceId? resource, string message) =>
        new(rule, level, message, file, new SourcePosition(line, column, 0), new SourcePosition(endLine, endColumn, 0), resource, resource is null ? null : "metadata.name");

    private static LintResult Result(params Finding[] findings) => new(findings, 1, 1, []);

    private static string Write(IReporter reporter, LintResult result)
    {
        var writer = new StringWriter();
        reporter.Write(result, writer);
        return writer.ToString();
    }
}
