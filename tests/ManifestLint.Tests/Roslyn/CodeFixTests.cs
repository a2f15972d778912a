using Microsoft.CodeAnalysis.CodeFixes;

namespace ManifestLint.Tests.Roslyn;

/// <summary>The code fixes on KubernetesClient objects and YAML strings: the text before and after each, against the real models.</summary>
public sealed class CodeFixTests
{
    private static string Deployment(string strategy, string container = "", string tolerations = "[]", string name = "Objects") => $$"""
        using k8s;
        using k8s.Models;

        public static class {{name}}
        {
            public static V1Deployment Build() => new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 3,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                    Strategy = {{strategy}},
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                        Spec = new V1PodSpec
                        {
                            Containers =
                            [
                                new V1Container
                                {
                                    Name = "web",
                                    Image = "registry.example.com/web:1.4.2",{{container}}
                                    ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/ready", Port = 8080 } },
                                },
                            ],
                            Tolerations = {{tolerations}},
                        },
                    },
                },
            };
        }
        """;

    private static async Task AssertFixAsync(string before, string after, string ruleId, string title)
    {
        var (actualTitle, fixedText) = await CodeFixHarness.FixAsync(before, ruleId);
        Assert.Equal(title, actualTitle);
        Assert.Equal(after, fixedText);
        // The fixed code compiles and the rule has nothing left to say.
        Assert.DoesNotContain(await CodeHarness.FindingsAsync(fixedText), diagnostic => diagnostic.Id == ruleId);
    }

    [Fact]
    public async Task A_misspelled_strategy_type_is_replaced_by_the_one_meant()
    {
        await AssertFixAsync(
            Deployment("""new V1DeploymentStrategy { Type = "Rollingupdate" }"""),
            Deployment("""new V1DeploymentStrategy { Type = "RollingUpdate" }"""),
            "ML1001",
            "Change to 'RollingUpdate'");
    }

    [Fact]
    public async Task A_toleration_operator_in_the_wrong_case_is_replaced()
    {
        await AssertFixAsync(
            Deployment("new V1DeploymentStrategy()", tolerations: """[new V1Toleration { Key = "gpu", OperatorProperty = "exists", Effect = "NoSchedule" }]"""),
            Deployment("new V1DeploymentStrategy()", tolerations: """[new V1Toleration { Key = "gpu", OperatorProperty = "Exists", Effect = "NoSchedule" }]"""),
            "ML3001",
            "Change to 'Exists'");
    }

    [Fact]
    public async Task A_toleration_effect_in_the_wrong_case_is_replaced()
    {
        await AssertFixAsync(
            Deployment("new V1DeploymentStrategy()", tolerations: """[new V1Toleration { Key = "gpu", OperatorProperty = "Exists", Effect = "noschedule" }]"""),
            Deployment("new V1DeploymentStrategy()", tolerations: """[new V1Toleration { Key = "gpu", OperatorProperty = "Exists", Effect = "NoSchedule" }]"""),
            "ML3004",
            "Change to 'NoSchedule'");
    }

    [Fact]
    public async Task A_misspelled_image_pull_policy_is_replaced()
    {
        await AssertFixAsync(
            Deployment("new V1DeploymentStrategy()", container: """ ImagePullPolicy = "ifNotPresent","""),
            Deployment("new V1DeploymentStrategy()", container: """ ImagePullPolicy = "IfNotPresent","""),
            "ML8111",
            "Change to 'IfNotPresent'");
    }

    [Fact]
    public async Task MaxSurge_and_maxUnavailable_both_zero_becomes_maxUnavailable_1()
    {
        await AssertFixAsync(
            Deployment("""new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 0, MaxUnavailable = 0 } }"""),
            Deployment("""new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 0, MaxUnavailable = 1 } }"""),
            "ML2003",
            "Set maxUnavailable to 1");
    }

    [Fact]
    public async Task A_zero_percent_maxUnavailable_becomes_the_number_1()
    {
        await AssertFixAsync(
            Deployment("""new V1DeploymentStrategy { RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "0%", MaxUnavailable = "0%" } }"""),
            Deployment("""new V1DeploymentStrategy { RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "0%", MaxUnavailable = 1 } }"""),
            "ML2003",
            "Set maxUnavailable to 1");
    }

    [Fact]
    public async Task The_master_toleration_gets_a_control_plane_copy_on_the_line_before()
    {
        const string master = """new V1Toleration { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists", Effect = "NoSchedule" }""";
        const string controlPlane = """new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists", Effect = "NoSchedule" }""";
        await AssertFixAsync(
            Deployment("new V1DeploymentStrategy()", tolerations: $$"""
                new List<V1Toleration>
                                            {
                                                {{master}},
                                            }
                """),
            Deployment("new V1DeploymentStrategy()", tolerations: $$"""
                new List<V1Toleration>
                                            {
                                                {{controlPlane}},
                                                {{master}},
                                            }
                """),
            "ML3007",
            "Also tolerate node-role.kubernetes.io/control-plane");
    }

    [Fact]
    public async Task The_control_plane_toleration_goes_beside_the_master_one_in_a_one_line_collection_expression()
    {
        await AssertFixAsync(
            Deployment("new V1DeploymentStrategy()", tolerations: """[new() { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" }]"""),
            Deployment("new V1DeploymentStrategy()", tolerations: """[new() { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists" }, new() { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" }]"""),
            "ML3007",
            "Also tolerate node-role.kubernetes.io/control-plane");
    }

    [Fact]
    public async Task A_value_from_a_const_gets_no_fix_the_author_decides_where_to_change_it()
    {
        var source = Deployment("new V1DeploymentStrategy { Type = Strategy }").Replace("public static class Objects\n{", "public static class Objects\n{\n    private const string Strategy = \"Rollingupdate\";\n", StringComparison.Ordinal);
        Assert.Contains("const string Strategy", source, StringComparison.Ordinal);
        Assert.Single(await CodeHarness.FindingsAsync(source), diagnostic => diagnostic.Id == "ML1001");

        Assert.Empty(await CodeFixHarness.ActionsAsync(source, "ML1001"));
    }

    [Fact]
    public async Task A_misspelling_in_YAML_held_in_a_string_is_fixed_inside_the_literal()
    {
        const string template = """"
            using k8s;
            using k8s.Models;

            public static class Objects
            {
                public static V1Deployment Build() => KubernetesYaml.Deserialize<V1Deployment>("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      replicas: 3
                      selector: {matchLabels: {app: web}}
                      strategy: {type: TYPE}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers:
                            - name: web
                              image: registry.example.com/web:1.4.2
                              readinessProbe: {httpGet: {path: /ready, port: 8080}}
                    """);
            }
            """";

        await AssertFixAsync(template.Replace("TYPE", "Rollingupdate", StringComparison.Ordinal), template.Replace("TYPE", "RollingUpdate", StringComparison.Ordinal), "ML1001", "Change to 'RollingUpdate'");
    }

    [Fact]
    public async Task Fix_all_in_the_document_fixes_every_misspelling_each_with_its_own_value()
    {
        var before = Deployment(
            """new V1DeploymentStrategy { Type = "Rollingupdate" }""",
            tolerations: """[new V1Toleration { Key = "gpu", OperatorProperty = "exists" }, new V1Toleration { Key = "ssd", OperatorProperty = "equal", Value = "yes" }]""");
        var after = Deployment(
            """new V1DeploymentStrategy { Type = "Rollingupdate" }""",
            tolerations: """[new V1Toleration { Key = "gpu", OperatorProperty = "Exists" }, new V1Toleration { Key = "ssd", OperatorProperty = "Equal", Value = "yes" }]""");

        var fixedTexts = await CodeFixHarness.FixAllAsync([before], "ML3001", FixAllScope.Document);

        // Only ML3001's fixes: the strategy type is another rule's and stays as it was.
        Assert.Equal([after], fixedTexts);
    }

    [Fact]
    public async Task Fix_all_in_the_project_fixes_every_document()
    {
        var first = Deployment("""new V1DeploymentStrategy { Type = "Rollingupdate" }""", name: "First");
        var second = Deployment("""new V1DeploymentStrategy { Type = "recreate" }""", name: "Second");

        var fixedTexts = await CodeFixHarness.FixAllAsync([first, second], "ML1001", FixAllScope.Project);

        Assert.Equal(
            [Deployment("""new V1DeploymentStrategy { Type = "RollingUpdate" }""", name: "First"), Deployment("""new V1DeploymentStrategy { Type = "Recreate" }""", name: "Second")],
            fixedTexts);
    }
}
