using ManifestLint.Engine;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Loading;

/// <summary>Documents, streams, lists, skips and recovery: what reaches the rules and what is counted instead.</summary>
public sealed class ManifestLoaderTests
{
    private static LoadedFile Load(string yaml, string path = "test.yaml") => ManifestLoader.Load(new SourceFile(path, yaml));

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: -1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx:1.27.2, readinessProbe: {exec: {command: [true]}}}]}
        """;

    [Fact]
    public void Multi_document_stream_yields_each_object_at_its_own_line()
    {
        const string yaml = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\n# only a comment\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n...\n---\napiVersion: v1\nkind: Service\nmetadata: {name: c}\n";
        var loaded = Load(yaml);
        Assert.Empty(loaded.Problems);
        Assert.Equal(["ConfigMap a", "Secret b", "Service c"], loaded.Resources.Select(r => $"{r.Kind} {r.Id.Name}"));
        Assert.Equal([2, 9, 14], loaded.Resources.Select(r => r.Root.Start.Line));
        Assert.Empty(loaded.Skipped);
    }

    [Fact]
    public void List_items_are_objects_with_their_own_positions()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: first}
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: second}
                spec:
                  replicas: -3
              - just: a value
            """;
        var loaded = Load(yaml);
        Assert.Equal(["ConfigMap first", "Deployment second"], loaded.Resources.Select(r => $"{r.Kind} {r.Id.Name}"));
        Assert.Equal([4, 7], loaded.Resources.Select(r => r.Root.Start.Line));
        Assert.Equal(8, loaded.Resources[1].KindNode.Start.Line);
        var skipped = Assert.Single(loaded.Skipped);
        Assert.Equal(12, skipped.Position!.Value.Line);

        var finding = Assert.Single(TestSupport.Lint(yaml, "ML5006"));
        Assert.Equal((11, 17), (finding.Start.Line, finding.Start.Column));
        Assert.Equal("Deployment", finding.Resource!.Kind);
        Assert.Equal("spec.replicas", finding.Path);
    }

    [Fact]
    public void Typed_lists_are_expanded_like_List()
    {
        var loaded = Load("apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- {apiVersion: apps/v1, kind: Deployment, metadata: {name: a}}\n");
        Assert.Equal("Deployment", Assert.Single(loaded.Resources).Kind);
    }

    [Fact]
    public void Document_after_a_syntax_error_is_still_linted()
    {
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n    bad: indent\n---\n" + Deployment;
        var findings = TestSupport.Lint(yaml);
        var syntax = Assert.Single(findings, f => f.Rule.Id == "ML9001");
        Assert.Equal(5, syntax.Start.Line);
        var negative = Assert.Single(findings, f => f.Rule.Id == "ML5006");
        Assert.Equal(11, negative.Start.Line);
        Assert.Equal("web", negative.Resource!.Name);
    }

    [Fact]
    public void Parser_invalid_operation_becomes_a_syntax_error_with_a_position()
    {
        var loaded = Load("a: [1, 2\nb: c\n");
        var problem = Assert.Single(loaded.Problems);
        Assert.Equal("ML9001", problem.RuleId);
        Assert.Equal(1, problem.Start.Line);
        Assert.True(problem.Start.Column >= 1);
        Assert.True(problem.End.Offset > problem.Start.Offset);
        Assert.Empty(loaded.Resources);
    }

    [Fact]
    public void Parser_invalid_operation_does_not_hide_the_next_document()
    {
        var findings = TestSupport.Lint("a: [1, 2\nb: c\n---\n" + Deployment);
        Assert.Single(findings, f => f.Rule.Id == "ML9001");
        Assert.Single(findings, f => f.Rule.Id == "ML5006");
    }

    [Fact]
    public void Unclosed_quote_at_the_end_is_a_syntax_error()
    {
        var loaded = Load("apiVersion: v1\nkind: ConfigMap\ndata:\n  a: \"open\n");
        Assert.Equal("ML9001", Assert.Single(loaded.Problems).RuleId);
    }

    [Fact]
    public void Duplicate_key_is_reported_at_the_second_key_and_the_first_value_is_kept()
    {
        var loaded = Load("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n  name: second\n");
        var problem = Assert.Single(loaded.Problems);
        Assert.Equal("ML9002", problem.RuleId);
        Assert.Equal((5, 3, 5, 7), (problem.Start.Line, problem.Start.Column, problem.End.Line, problem.End.Column));
        Assert.Contains("line 4", problem.Message, StringComparison.Ordinal);
        Assert.Equal("first", Assert.Single(loaded.Resources).Id.Name);
    }

    [Fact]
    public void Merge_keys_fill_in_missing_keys_and_explicit_keys_win()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: merged}
            defaults: &defaults {a: "1", b: "2"}
            more: &more {c: "3"}
            data:
              <<: [*defaults, *more]
              b: explicit
            """;
        var loaded = Load(yaml);
        Assert.Empty(loaded.Problems);
        var data = Assert.Single(loaded.Resources).Root.Mapping("data")!;
        Assert.Equal(["b", "a", "c"], data.Entries.Select(e => e.Key.Value));
        Assert.Equal("explicit", data.String("b"));
        Assert.Equal("1", data.String("a"));
        Assert.Equal(4, data.Scalar("a")!.Start.Line);
        Assert.False(data.ContainsKey("<<"));
    }

    [Fact]
    public void Alias_resolves_to_the_anchored_node_and_unknown_alias_is_a_syntax_error()
    {
        var loaded = Load("apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a}\ncopy: *m\n");
        var root = Assert.Single(loaded.Resources).Root;
        Assert.Same(root["metadata"], root["copy"]);

        var broken = Load("apiVersion: v1\nkind: ConfigMap\nmetadata: *missing\n");
        var problem = Assert.Single(broken.Problems);
        Assert.Equal(("ML9001", 3), (problem.RuleId, problem.Start.Line));
        Assert.Contains("missing", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n")]
    [InlineData("{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include \"app.fullname\" . }}\n  labels:\n    {{- include \"app.labels\" . | nindent 4 }}\n{{- end }}\n")]
    public void Helm_templates_are_skipped_with_a_note(string template)
    {
        var loaded = Load(template, "chart/templates/deployment.yaml");
        Assert.Empty(loaded.Resources);
        Assert.Empty(loaded.Problems);
        Assert.Equal(ManifestLoader.HelmTemplateNote, Assert.Single(loaded.Skipped).Reason);
    }

    [Fact]
    public void Template_braces_inside_strings_are_not_a_helm_template()
    {
        const string yaml = """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: rules}
            spec:
              groups:
                - name: g
                  rules:
                    - alert: Down
                      annotations:
                        summary: "{{ $labels.instance }} is down"
                      expr: up == 0
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: config}
            data:
              config.yaml: |
                project: {{PROJECT_ID}}
            """;
        var loaded = Load(yaml);
        Assert.Equal(2, loaded.Resources.Count);
        Assert.Empty(loaded.Skipped);
    }

    [Theory]
    [InlineData("kustomization.yaml")]
    [InlineData("overlays/prod/kustomization.yml")]
    [InlineData("chart/Chart.yaml")]
    [InlineData("chart/values.yaml")]
    public void Known_non_manifest_files_are_skipped_without_reading(string path)
    {
        var loaded = Load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: looks-real}\n", path);
        Assert.Empty(loaded.Resources);
        Assert.Single(loaded.Skipped);
    }

    [Fact]
    public void Documents_without_apiVersion_or_kind_are_skipped_and_counted()
    {
        const string yaml = "kind: ConfigMap\nmetadata: {name: no-api-version}\n---\napiVersion: v1\nmetadata: {name: no-kind}\n---\n- a\n- b\n---\nplain scalar\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: real}\n";
        var loaded = Load(yaml);
        Assert.Equal("real", Assert.Single(loaded.Resources).Id.Name);
        // A skipped document is shown at its start: the first line, or its --- marker. A document with only one of
        // apiVersion and kind is not skipped: kubectl refuses it (ML8005, at the key it has).
        Assert.Equal([6, 9], loaded.Skipped.Select(s => s.Position!.Value.Line));
        Assert.Equal([("ML8005", 1), ("ML8005", 4)], loaded.Problems.Select(problem => (problem.RuleId, problem.Start.Line)));

        var result = new Linter().Lint([new SourceFile("a.yaml", yaml), new SourceFile("kustomization.yaml", "resources: [a.yaml]\n")]);
        Assert.Equal(2, result.Files);
        Assert.Equal(1, result.Resources);
        Assert.Equal(3, result.Skipped.Count);
    }

    [Fact]
    public void Whitespace_only_first_line_of_a_literal_block_is_valid_yaml()
    {
        // YamlDotNet rejects this (aaubry/YamlDotNet#523); kubectl accepts it, and istio ships such files.
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loki}\ndata:\n  config.yaml: |\n    \n    auth_enabled: false\n  other: value\n";
        var loaded = Load(yaml);
        Assert.Empty(loaded.Problems);
        var data = Assert.Single(loaded.Resources).Root.Mapping("data")!;
        Assert.Equal("\nauth_enabled: false\n", data.String("config.yaml"));
        var other = data.Scalar("other")!;
        Assert.Equal((8, 10), (other.Start.Line, other.Start.Column));
        Assert.Equal("value", yaml.Substring(other.Start.Offset, other.End.Offset - other.Start.Offset));
    }

    [Fact]
    public void Repeated_short_scalars_share_one_string_across_files_and_long_ones_do_not()
    {
        var longValue = new string('x', 40);
        const string template = "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {0}}}\ndata: {{app: web, note: {1}}}\n";
        var first = Load(string.Format(template, "first", longValue), "first.yaml").Resources.Single();
        var second = Load(string.Format(template, "second", longValue), "second.yaml").Resources.Single();

        static ManifestMapping Data(Resource resource) => resource.Root.Mapping("data")!;
        Assert.Same(Data(first).KeyNode("app")!.Value, Data(second).KeyNode("app")!.Value);
        Assert.Same(Data(first).String("app"), Data(second).String("app"));
        Assert.Equal(Data(first).String("note"), Data(second).String("note"));
        Assert.NotSame(Data(first).String("note"), Data(second).String("note"));
    }

    [Fact]
    public void Entries_and_items_read_in_written_order_and_an_empty_list_is_empty()
    {
        var root = Load(Deployment).Resources.Single().Root;
        var keys = new List<string>();
        foreach (var entry in root.Entries)
            keys.Add(entry.Key.Value);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], keys);
        Assert.Equal("spec", root.Entries[3].Key.Value);

        // What `sequence?.Items ?? []` gives when the sequence is absent.
        NodeList<ManifestNode> none = [];
        Assert.Empty(none);
        Assert.False(none.Any());
        foreach (var item in none)
            Assert.Fail($"unexpected item {item}");
    }
}
