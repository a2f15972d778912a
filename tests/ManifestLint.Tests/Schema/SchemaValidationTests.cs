using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Schema;

/// <summary>The schema check on built-in kinds, custom resources and versions, with positions.</summary>
public sealed class SchemaValidationTests
{
    private static string[] Schema(string yaml, LintConfiguration? configuration = null) =>
        TestSupport.Lint(yaml, configuration)
            .Where(finding => finding.Rule.Id.StartsWith("ML80", StringComparison.Ordinal))
            .Select(finding => $"{finding.Rule.Id} {finding.Start.Line}:{finding.Start.Column} {finding.Message}")
            .ToArray();

    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: app}
        spec:
          containers:
            - name: app
              image: nginx:1.27.2
              FIELD
        """;

    [Theory]
    [InlineData("ports: [{containerPort: !!str 80}]", "ML8002", "expected an integer (int32), got the string \"80\"")]
    [InlineData("ports: [{containerPort: !!int \"80\"}]", null, null)]
    [InlineData("ports: [{containerPort: 80.0}]", null, null)]
    [InlineData("ports: [{containerPort: 80.5}]", "ML8002", "not a whole number")]
    [InlineData("ports: [{containerPort: 0x50}]", null, null)]
    [InlineData("ports: [{containerPort: 2147483648}]", "ML8002", "does not fit in int32")]
    [InlineData("ports: [{containerPort: true}]", "ML8002", "got the boolean true")]
    [InlineData("env: [{name: A, value: on}]", "ML8002", "expected a string, got the boolean on")]
    [InlineData("env: [{name: A, value: 1.5}]", "ML8002", "expected a string, got the number 1.5")]
    [InlineData("env: [{name: A, value: '1.5'}]", null, null)]
    [InlineData("env: {name: A, value: b}", "ML8002", "expected a list, got a mapping")]
    [InlineData("resources: {limits: [cpu]}", "ML8002", "expected a mapping, got a list")]
    [InlineData("resources: {limits: {cpu: true}}", "ML8002", "expected a quantity")]
    [InlineData("resources: {limits: {cpu: 1e3, memory: +1.5Gi}}", null, null)]
    [InlineData("resources: {limits: {memory: 1.5.5Gi}}", "ML8003", "is not a quantity")]
    [InlineData("livenessProbe: {httpGet: {port: http}, periodSeconds: ~}", null, null)]
    [InlineData("livenessProbe: {httpGet: {port: 1.5}}", "ML8002", "expected an integer or a string")]
    [InlineData("livenessProbe: {httpGet: {port: 99999999999}}", "ML8002", "does not fit in int32")]
    [InlineData("lifecycle: {preStop: {sleep: {seconds: \"5\"}}}", "ML8002", "remove the quotes")]
    [InlineData("securityContext: {runAsUser: 9999999999}", null, null)]
    [InlineData("securityContext: {runAsUser: 99999999999999999999}", "ML8002", "does not fit in int64")]
    public void Decodes_values_as_the_api_server_does(string field, string? ruleId, string? message)
    {
        var findings = Schema(Pod.Replace("FIELD", field));
        if (ruleId is null)
        {
            Assert.Empty(findings);
            return;
        }

        var finding = Assert.Single(findings);
        Assert.StartsWith(ruleId + " 8:", finding);
        Assert.Contains(message!, finding);
    }

    [Fact]
    public void Every_document_list_item_and_json_object_keeps_its_own_position()
    {
        var yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            date: {}
            ---
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}, "dato": {}},
              {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "c"}, "stringData": {"k": 1}}
            ]}
            """;
        Assert.Equal(
            [
                "ML8001 4:1 unknown field \"date\" at the top level; did you mean \"data\"?",
                "ML8001 7:72 unknown field \"dato\" at the top level; did you mean \"data\"?",
                "ML8002 8:89 stringData.k: expected a string, got the number 1; quote it: \"1\"",
            ],
            Schema(yaml));
    }

    [Fact]
    public void Unknown_fields_are_case_sensitive_and_nested_ones_name_their_path()
    {
        var findings = Schema(Pod.Replace("FIELD", "readinessProbe: {httpGet: {Path: /, port: 80}}"));
        Assert.Equal(["ML8001 8:34 unknown field \"Path\" in spec.containers[0].readinessProbe.httpGet; did you mean \"path\"?"], findings);
    }

    [Fact]
    public void A_field_another_rule_reports_is_not_reported_again()
    {
        var yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              strategy: {rollingUpdate: {maxSurge: 1.5}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "nginx:1.27.2"}]}
            """;
        var findings = TestSupport.Lint(yaml).Where(finding => finding.Start.Line == 6).Select(finding => finding.Rule.Id).ToArray();
        Assert.Equal(["ML2001"], findings);
    }

    [Fact]
    public void Served_kinds_follow_the_target_version()
    {
        var yaml = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: demo}
            spec: {}
            """;
        Assert.Empty(Schema(yaml));
        var old = Schema(yaml, LintConfiguration.Default with { KubernetesVersion = new KubernetesVersion(1, 29) });
        Assert.Equal(["ML8004 1:13 ValidatingAdmissionPolicy admissionregistration.k8s.io/v1 is not served by Kubernetes 1.29 (served in 1.30-1.37)"], old);
    }

    [Fact]
    public void A_removed_api_version_is_left_to_ML7001()
    {
        var findings = TestSupport.Lint("apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n").Select(finding => finding.Rule.Id).ToArray();
        Assert.Contains("ML7001", findings);
        Assert.DoesNotContain("ML8004", findings);
    }

    private const string WidgetCrd = """
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
                    spec:
                      type: object
                      properties:
                        size: {type: string}
        """;

    private const string Widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: blue}\nspec: {sise: small}\n";

    [Fact]
    public void A_crd_in_another_input_file_defines_its_kind_for_the_whole_run()
    {
        using var directory = new TempDirectory();
        // Many files, so the workers meet custom resources before the definition is read.
        for (var index = 0; index < 20; index++)
            directory.Write($"a{index:00}-widget.yaml", Widget);
        directory.Write("z-crd.yaml", WidgetCrd);
        var run = CliRunner.Run(directory.Path, "check", ".");
        Assert.Equal(20, run.Stdout.Split('\n').Count(line => line.Contains("ML8001") && line.Contains("did you mean \"size\"")));
        Assert.DoesNotContain("ML8006", run.Stdout);
    }

    [Fact]
    public void Crds_from_the_configuration_and_schema_locations_are_used()
    {
        using var directory = new TempDirectory();
        directory.Write("crds/widget.yaml", WidgetCrd);
        directory.Write("app/widget.yaml", Widget);
        directory.Write(".manifestlint.yaml", "crds: [crds]\n");
        var configured = CliRunner.Run(directory.Path, "check", "app");
        Assert.Contains("app/widget.yaml:4:8: error[ML8001] unknown field \"sise\" in spec; did you mean \"size\"?", configured.Stdout.Replace('\\', '/'));

        directory.Write(".manifestlint.yaml", "crds: [missing]\n");
        var missing = CliRunner.Run(directory.Path, "check", "app");
        Assert.Equal(2, missing.ExitCode);

        using var catalog = new TempDirectory();
        catalog.Write("example.com/widget_v1.json", """
            {"type": "object", "properties": {"spec": {"type": "object", "properties": {"size": {"type": "string", "enum": ["small", "large"]}}, "additionalProperties": false}}}
            """);
        File.Delete(Path.Combine(directory.Path, ".manifestlint.yaml"));
        var located = CliRunner.Run(directory.Path, "check", "app", "--schema-location", catalog.Path, "--schema-location", directory.Path);
        Assert.Contains("error[ML8001] unknown field \"sise\" in spec; did you mean \"size\"?", located.Stdout);
        var without = CliRunner.Run(directory.Path, "check", "app");
        Assert.Contains("info[ML8006] no schema for example.com/v1 Widget", without.Stdout);
        Assert.Equal(2, CliRunner.Run(directory.Path, "check", "app", "--schema-location", Path.Combine(directory.Path, "nope")).ExitCode);
    }

    [Fact]
    public void A_crds_file_that_defines_nothing_says_why_at_its_own_line()
    {
        using var directory = new TempDirectory();
        directory.Write("crds/widget.yaml", WidgetCrd.Replace("size: {type: string}", "size: {type: strin}"));
        directory.Write("crds/broken.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: [CustomResourceDefinition\n");
        directory.Write("app/widget.yaml", Widget);
        directory.Write(".manifestlint.yaml", "crds: [crds]\n");

        var run = CliRunner.Run(directory.Path, "check", "app");
        var output = run.Stdout.Replace('\\', '/');
        Assert.Contains("crds/widget.yaml:19:30: error[ML8007] spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size.type: unknown type \"strin\"", output);
        Assert.Contains("crds/broken.yaml:3:1: error[ML9001]", output);
        Assert.Equal(1, run.ExitCode);

        // Linted as an input too, the CRD's problem is reported once.
        var both = CliRunner.Run(directory.Path, "check", "app", "crds");
        Assert.Equal(1, both.Stdout.Split('\n').Count(line => line.Contains("ML8007")));
    }

    [Fact]
    public void A_schema_location_file_that_is_not_a_schema_is_named_in_the_info()
    {
        using var directory = new TempDirectory();
        directory.Write("app/widget.yaml", Widget);
        using var catalog = new TempDirectory();
        catalog.Write("example.com/widget_v1.json", "{\"type\": \"object\", \"properties\": {\"spec\": {\"$ref\": \"#/definitions/spec\"}}}");

        var run = CliRunner.Run(directory.Path, "check", "app", "--schema-location", catalog.Path);
        Assert.Contains("info[ML8006] no usable schema for example.com/v1 Widget: ", run.Stdout);
        Assert.Contains("widget_v1.json:1:44: $ref is not allowed", run.Stdout.Replace('\\', '/'));
    }

    [Fact]
    public void Recursive_and_huge_crd_schemas_stay_bounded()
    {
        // Anchors that each refer to the previous one twice nest 2^20 schemas if expanded.
        var nested = new System.Text.StringBuilder("l0: &l0 {type: object, properties: {a: {type: string}}}\n");
        for (var level = 1; level <= 20; level++)
            nested.Append($"l{level}: &l{level} {{type: object, properties: {{a: *l{level - 1}, b: *l{level - 1}}}}}\n");
        var crd = WidgetCrd.Replace("size: {type: string}", "size: *l20").Replace("apiVersion: apiextensions.k8s.io/v1\n", "x-defs:\n" + Indent(nested.ToString()) + "apiVersion: apiextensions.k8s.io/v1\n");
        // The loader's alias limit (ML9005) would stop this file first: raise it so the schema's own bound is what holds.
        var unlimitedAliases = LintConfiguration.Default with { Limits = InputLimits.Default with { MaxAliasNodes = int.MaxValue } };
        var findings = Schema(crd + "\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: b}\nspec: {size: {a: {a: x}}}\n", unlimitedAliases);
        Assert.Contains(findings, finding => finding.StartsWith("ML8007", StringComparison.Ordinal) && finding.Contains("larger than"));
    }

    private static string Indent(string text) => string.Join("\n", text.TrimEnd('\n').Split('\n').Select(line => "  " + line)) + "\n";
}
