using ManifestLint.Engine;
using ManifestLint.Engine.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Tests.Roslyn;

public sealed class KubernetesObjectAnalyzerTests
{
    private static async Task AssertFindingsAsync(string markup, params string[] expectedIds)
    {
        var code = MarkedCode.Parse(CodeHarness.Usings + markup);
        var findings = await CodeHarness.FindingsAsync(code.Text);
        Assert.Equal(expectedIds, findings.Select(finding => finding.Id));
        Assert.Equal(code.Spans, findings.Select(finding => finding.Location.SourceSpan));
    }

    private static string Deployment(string strategy, string replicas = "2", string image = "\"registry.example.com/web:1.4.2\"", string tolerations = "[]") => $$"""
        public static class Objects
        {
            public static object Build() => new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1DeploymentSpec
                {
                    Replicas = {{replicas}},
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                    Strategy = {{strategy}},
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { { "app", "web" } } },
                        Spec = new V1PodSpec
                        {
                            Containers = new List<V1Container>
                            {
                                new V1Container
                                {
                                    Name = "web",
                                    Image = {{image}},
                                    ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/ready", Port = 8080 } },
                                },
                            },
                            Tolerations = {{tolerations}},
                        },
                    },
                },
            };
        }
        """;

    [Fact]
    public async Task A_misspelled_strategy_type_is_reported_at_the_string_literal()
    {
        await AssertFindingsAsync(Deployment("""new V1DeploymentStrategy { Type = [|"Rollingupdate"|] }"""), "ML1001");
    }

    [Fact]
    public async Task The_span_is_the_exact_literal_with_its_line_and_columns()
    {
        var source = CodeHarness.Usings + Deployment("""new V1DeploymentStrategy { Type = "Rollingupdate" }""");
        var finding = Assert.Single(await CodeHarness.FindingsAsync(source));
        var span = finding.Location.GetLineSpan();
        Assert.Equal(("/src/Program.cs", new LinePosition(13, 57), new LinePosition(13, 72)), (span.Path, span.StartLinePosition, span.EndLinePosition));
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Contains("did you mean 'RollingUpdate'?", finding.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Surge_and_unavailable_both_zero_through_the_implicit_int_and_string_conversions()
    {
        await AssertFindingsAsync(
            Deployment("""new() { Type = "RollingUpdate", RollingUpdate = new() { MaxSurge = 0, MaxUnavailable = [|"0"|] } }"""),
            "ML2003");
    }

    [Fact]
    public async Task A_toleration_operator_in_the_wrong_case_inside_a_collection_expression()
    {
        await AssertFindingsAsync(
            Deployment("new V1DeploymentStrategy()", tolerations: """[new() { Key = "gpu", OperatorProperty = [|"exists"|], Effect = "NoSchedule" }]"""),
            "ML3001");
    }

    [Fact]
    public async Task An_image_without_a_tag()
    {
        await AssertFindingsAsync(Deployment("new V1DeploymentStrategy()", image: "[|\"nginx\"|]"), "ML4004");
    }

    [Fact]
    public async Task A_target_typed_object_with_object_and_collection_initializers_and_no_kind_set()
    {
        await AssertFindingsAsync("""
            public static class Objects
            {
                public static V1DaemonSet Build()
                {
                    V1DaemonSet agent = new()
                    {
                        Metadata = new() { Name = "agent" },
                        Spec = new()
                        {
                            Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
                            UpdateStrategy = new() { Type = [|"Recreate"|] },
                            Template = new()
                            {
                                Metadata = new() { Labels = new Dictionary<string, string> { ["app"] = "agent" } },
                                Spec = new() { Containers = [new() { Name = "agent", Image = "registry.example.com/agent:2.0" }] },
                            },
                        },
                    };
                    return agent;
                }
            }
            """, "ML1001");
    }

    [Fact]
    public async Task Constants_are_known_values_fields_locals_other_types_and_constant_interpolations()
    {
        await AssertFindingsAsync("""
            public static class Defaults
            {
                public const string Registry = "registry.example.com";
                public const int Zero = 0;
            }

            public static class Objects
            {
                private const string Image = "nginx";

                public static V1Deployment Build()
                {
                    const string Policy = "ifNotPresent";
                    return new V1Deployment
                    {
                        ApiVersion = "apps/v1",
                        Kind = "Deployment",
                        Metadata = new() { Name = "web" },
                        Spec = new()
                        {
                            Replicas = 2,
                            Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                            Strategy = new() { RollingUpdate = new() { MaxSurge = Defaults.Zero, MaxUnavailable = [|Defaults.Zero|] } },
                            Template = new()
                            {
                                Metadata = new() { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                                Spec = new()
                                {
                                    Containers =
                                    [
                                        new() { Name = "web", Image = [|Image|], ImagePullPolicy = [|Policy|], ReadinessProbe = new() { Exec = new() { Command = ["true"] } } },
                                        new() { Name = "sidecar", Image = [|$"{Defaults.Registry}/sidecar"|], ReadinessProbe = new() { Exec = new() { Command = ["true"] } } },
                                    ],
                                },
                            },
                        },
                    };
                }
            }
            """, "ML2003", "ML4004", "ML8111", "ML4004");
    }

    [Fact]
    public async Task Values_the_code_computes_are_unknown_and_never_reported()
    {
        // Without the unknowns: ML4001 (no image), ML2007 (replicas default 1 without surge), ML5004 (labels differ).
        await AssertFindingsAsync("""
            public static class Objects
            {
                public static V1Deployment Build(string image, int replicas, IDictionary<string, string> labels, string app) => new()
                {
                    ApiVersion = "apps/v1",
                    Kind = "Deployment",
                    Metadata = new() { Name = $"{app}-web" },
                    Spec = new()
                    {
                        Replicas = replicas,
                        Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
                        Strategy = new() { RollingUpdate = new() { MaxSurge = 0, MaxUnavailable = 1 } },
                        Template = new()
                        {
                            Metadata = new() { Labels = labels },
                            Spec = new()
                            {
                                Containers = [new() { Name = "web", Image = image, ReadinessProbe = new() { Exec = new() { Command = ["true"] } } }],
                                Tolerations = [Gpu(), new() { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" }],
                            },
                        },
                    },
                };

                private static V1Toleration Gpu() => new() { Key = "gpu", OperatorProperty = "Exists" };
            }
            """);
    }

    [Fact]
    public async Task Known_values_beside_unknown_ones_are_still_judged()
    {
        await AssertFindingsAsync(Deployment("""new() { Type = [|"Rollingupdate"|] }""", replicas: "System.Environment.ProcessorCount", image: "System.Environment.GetEnvironmentVariable(\"IMAGE\")"), "ML1001");
    }

    [Fact]
    public async Task An_object_changed_after_construction_is_left_alone()
    {
        await AssertFindingsAsync("""
            public static class Objects
            {
                public static V1Container Build()
                {
                    var container = new V1Container { Name = "web" };
                    container.Image = "registry.example.com/web:1.0";
                    return container;
                }
            }
            """);
    }

    [Fact]
    public async Task A_lone_container_and_toleration_get_the_rules_of_their_own_fields()
    {
        await AssertFindingsAsync("""
            public static class Objects
            {
                public static V1Container Container() => new V1Container { Name = "web", Image = [|"nginx:latest"|] };

                public static V1Toleration Toleration() => new() { Key = "gpu", OperatorProperty = "Exists", Value = [|"yes"|] };

                // Whether a toleration of every taint is wrong depends on the workload it ends up in: not judged alone.
                public static V1Toleration Everything() => new() { OperatorProperty = "Exists" };
            }
            """, "ML4005", "ML3002");
    }

    [Fact]
    public async Task Severities_from_a_globalconfig_apply()
    {
        var source = CodeHarness.Usings + Deployment("new V1DeploymentStrategy()", image: "\"nginx\"");
        var findings = await CodeHarness.FindingsAsync(source, new Dictionary<string, ReportDiagnostic> { ["ML4004"] = ReportDiagnostic.Error, ["ML4007"] = ReportDiagnostic.Warn });

        Assert.Equal([("ML4004", DiagnosticSeverity.Error), ("ML4007", DiagnosticSeverity.Warning)], findings.Select(finding => (finding.Id, finding.Severity)));
    }

    [Fact]
    public async Task Pragma_and_SuppressMessage_suppress_findings()
    {
        await AssertFindingsAsync("""
            public static class Objects
            {
            #pragma warning disable ML4005
                public static V1Container Pragma() => new V1Container { Name = "a", Image = "nginx:latest" };
            #pragma warning restore ML4005

                [System.Diagnostics.CodeAnalysis.SuppressMessage("Images", "ML4004")]
                public static V1Container Attribute() => new V1Container { Name = "b", Image = "nginx" };

                public static V1Container Reported() => new V1Container { Name = "c", Image = [|"nginx"|] };
            }
            """, "ML4004");
    }

    [Fact]
    public async Task Nothing_runs_when_the_compilation_does_not_reference_KubernetesClient()
    {
        var diagnostics = await CodeHarness.RunAsync("public sealed class V1Deployment { public string? Kind { get; set; } }\npublic static class C { public static object Build() => new V1Deployment { Kind = \"Deployment\" }; }", withKubernetesClient: false);
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id.StartsWith("ML", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""new() { Type = "Rollingupdate" }""", "\"registry.example.com/web:1.4.2\"", "[]")]
    [InlineData("""new() { RollingUpdate = new() { MaxSurge = 0, MaxUnavailable = 0 } }""", "\"nginx\"", "[]")]
    [InlineData("""new() { RollingUpdate = new() { MaxSurge = "25%", MaxUnavailable = "150%" } }""", "\"nginx:latest\"", """[new() { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists", Effect = "NoSchedule" }]""")]
    [InlineData("""new() { Type = "Recreate", RollingUpdate = new() { MaxSurge = 1 } }""", "\" nginx:1.27\"", """[new() { Key = "gpu", OperatorProperty = "exists", Effect = "NoExecute", TolerationSeconds = 30 }]""")]
    public async Task A_CSharp_object_and_the_yaml_KubernetesYaml_serializes_it_to_give_the_same_rules(string strategy, string image, string tolerations)
    {
        var source = CodeHarness.Usings + Deployment(strategy, image: image, tolerations: tolerations);
        var yaml = CodeHarness.SerializeBuiltObject(source);
        var fromYaml = new Linter().LintFile(new SourceFile("web.yaml", yaml)).Findings.Select(finding => finding.Rule.Id).Distinct().Order(StringComparer.Ordinal);

        var fromCode = (await CodeHarness.FindingsAsync(source)).Select(finding => finding.Id).Distinct().Order(StringComparer.Ordinal);

        Assert.NotEmpty(fromYaml);
        Assert.Equal(fromYaml, fromCode);
    }

    [Fact]
    public async Task The_readme_example_reports_what_the_readme_shows()
    {
        var readme = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var section = readme.Substring(readme.IndexOf("\n## .NET code\n", StringComparison.Ordinal));
        var code = Block(section, "```csharp\n");
        var shown = Block(section, "```text\n").TrimEnd('\n').Split('\n');

        var findings = await CodeHarness.FindingsAsync(code, path: "/src/Manifests.cs");

        var printed = findings.Select(finding =>
        {
            var start = finding.Location.GetLineSpan().StartLinePosition;
            return $"Manifests.cs({start.Line + 1},{start.Character + 1}): {finding.Severity.ToString().ToLowerInvariant()} {finding.Id}: {finding.GetMessage()}";
        });
        Assert.Equal(shown, printed);
    }

    private static string Block(string text, string opening)
    {
        var start = text.IndexOf(opening, StringComparison.Ordinal) + opening.Length;
        return text.Substring(start, text.IndexOf("```", start, StringComparison.Ordinal) - start);
    }
}
