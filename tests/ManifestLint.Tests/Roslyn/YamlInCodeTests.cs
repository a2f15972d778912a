namespace ManifestLint.Tests.Roslyn;

/// <summary>YAML held in C# strings: findings squiggle the exact characters inside the literal.</summary>
public sealed class YamlInCodeTests
{
    private static async Task AssertFindingsAsync(string markup, params string[] expectedIds)
    {
        var code = MarkedCode.Parse(CodeHarness.Usings + markup);
        var findings = await CodeHarness.FindingsAsync(code.Text);
        Assert.Equal(expectedIds, findings.Select(finding => finding.Id));
        Assert.Equal(code.Spans, findings.Select(finding => finding.Location.SourceSpan));
    }

    [Fact]
    public async Task A_raw_string_passed_to_KubernetesYaml_Deserialize()
    {
        await AssertFindingsAsync(""""
            public static class Objects
            {
                public static V1Deployment Build() => KubernetesYaml.Deserialize<V1Deployment>("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      selector: {matchLabels: {app: web}}
                      strategy: {type: [|Rollingupdate|]}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers: [{name: web, image: registry.example.com/web:1.4.2, readinessProbe: {exec: {command: ["true"]}}}]
                    """);
            }
            """", "ML1001");
    }

    [Fact]
    public async Task Escapes_in_a_regular_string_map_to_their_source_characters()
    {
        await AssertFindingsAsync("""
            public static class Objects
            {
                public static object Build() => KubernetesYaml.LoadFromString<V1Pod>("apiVersion: v1\nkind: Pod\nmetadata: {name: \u0077eb}\nspec:\n  containers:\n  - name: web\n    image: [|\"nginx\"|]\n");
            }
            """, "ML4004");
    }

    [Fact]
    public async Task A_verbatim_string_with_a_constant_interpolation_in_LoadAllFromString()
    {
        await AssertFindingsAsync("""
            public static class Objects
            {
                private const string Operator = "exists";

                public static object Build() => KubernetesYaml.LoadAllFromString($@"apiVersion: v1
            kind: Pod
            metadata: {{name: web}}
            spec:
              containers: [{{name: web, image: ""registry.example.com/web:1.0""}}]
              tolerations: [{{key: gpu, operator: [|{Operator}|]}}]
            ");
            }
            """, "ML3001");
    }

    [Fact]
    public async Task A_string_after_a_language_yaml_comment_is_linted_and_other_strings_are_not()
    {
        await AssertFindingsAsync(""""
            public static class Objects
            {
                // language=yaml
                public const string Pod = """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web}
                    spec:
                      containers: [{name: web, image: [|nginx:latest|]}]
                    """;

                public const string NotYaml = """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web}
                    spec:
                      containers: [{name: web, image: nginx:latest}]
                    """;
            }
            """", "ML4005");
    }

    [Fact]
    public async Task A_syntax_error_is_reported_inside_the_string_and_strings_built_at_run_time_are_not_read()
    {
        await AssertFindingsAsync(""""
            public static class Objects
            {
                public static object Build(string image) => KubernetesYaml.Deserialize<V1Pod>($"apiVersion: v1\nkind: Pod\nspec:\n  containers: [{{name: web, image: {image}}}]\n");

                public static object Broken() => KubernetesYaml.Deserialize<V1Pod>("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {[|n|]ame: web
                    spec: {}
                    """);
            }
            """", "ML9001");
    }

    private const string MisspeltDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          strategy: {type: [|Rollingupdate|]}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: registry.example.com/web:1.4.2, readinessProbe: {exec: {command: ["true"]}}}]
        """;

    [Fact]
    public async Task A_literal_passed_to_a_StringSyntax_yaml_parameter_is_a_manifest()
    {
        await AssertFindingsAsync($$""""
            using System.Diagnostics.CodeAnalysis;

            public static class Objects
            {
                public static void Apply([StringSyntax("yaml")] string manifest) { }

                public static void Build() => Apply(manifest: """
            {{Indented(MisspeltDeployment, 8)}}
                    """);
            }
            """", "ML1001");
    }

    [Fact]
    public async Task A_literal_assigned_to_a_StringSyntax_property_or_field_is_a_manifest_whatever_the_case_of_yaml()
    {
        await AssertFindingsAsync($$""""
            using System.Diagnostics.CodeAnalysis;

            public sealed class Release
            {
                [StringSyntax("YAML")]
                public const string Default = """
            {{Indented(MisspeltDeployment, 8)}}
                    """;

                [StringSyntax("Yaml")]
                public string Manifest { get; set; } = "";

                public static Release Build() => new()
                {
                    Manifest = """
            {{Indented(MisspeltDeployment, 12)}}
                        """,
                };
            }
            """", "ML1001", "ML1001");
    }

    [Fact]
    public async Task A_StringSyntax_of_another_language_marks_nothing()
    {
        var markup = $$""""
            using System.Diagnostics.CodeAnalysis;

            public static class Objects
            {
                public static void Apply([StringSyntax("json")] string manifest) { }

                public static void Build() => Apply("""
            {{Indented(MisspeltDeployment, 8)}}
                    """);
            }
            """";

        await AssertFindingsAsync(markup.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal));
    }

    private static string Indented(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(line => new string(' ', spaces) + line));
}

