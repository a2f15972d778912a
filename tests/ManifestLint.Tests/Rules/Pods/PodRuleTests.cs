using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Tests.Rules.Pods;

/// <summary>Messages, version awareness and the one-mistake-one-finding rules of the toleration and image families.</summary>
public sealed class PodRuleTests
{
    private static string Workload(string kind, string podSpec)
    {
        var indented = string.Join("\n", podSpec.Split('\n').Select(line => line.Length == 0 ? line : "      " + line));
        var serviceName = kind == "StatefulSet" ? "  serviceName: app\n" : "";
        return $"""
            apiVersion: apps/v1
            kind: {kind}
            metadata:
              name: app
            spec:
            {serviceName}  selector:
                matchLabels: {"{app: app}"}
              template:
                metadata:
                  labels: {"{app: app}"}
                spec:
            {indented}
            """;
    }

    private static LintConfiguration Targeting(int minor) =>
        LintConfiguration.Default with { KubernetesVersion = new KubernetesVersion(1, minor) };

    private static LintConfiguration With(string id, RuleLevel level)
    {
        var levels = RuleCatalog.Descriptors.ToDictionary(rule => rule.Id, rule => rule.Level);
        levels[id] = level;
        return LintConfiguration.Default with { RuleLevels = levels };
    }

    private const string BadOperator = """
        tolerations:
          - {key: dedicated, operator: exists}
        containers:
          - {name: app, image: "registry.example.com/app:1.0.0"}
        """;

    [Theory]
    [InlineData("Deployment", "the API server rejects the Deployment")]
    [InlineData("DaemonSet", "the API server rejects the DaemonSet")]
    [InlineData("ReplicaSet", "the API server rejects the ReplicaSet")]
    [InlineData("StatefulSet", "the StatefulSet is accepted but its pods are rejected")]
    public void Toleration_errors_say_truthfully_who_rejects_what(string kind, string consequence)
    {
        var finding = Assert.Single(TestSupport.Lint(Workload(kind, BadOperator), "ML3001"));

        Assert.Equal($"toleration 'dedicated' has operator 'exists', which is not Exists or Equal (did you mean 'Exists'?); {consequence}", finding.Message);
        Assert.Equal(RuleLevel.Error, finding.Level);
        Assert.Equal("spec.template.spec.tolerations[0].operator", finding.Path);
    }

    [Fact]
    public void Comparison_operators_are_explained_for_the_target_version()
    {
        var yaml = Workload("Deployment", """
            tolerations:
              - {key: example.com/generation, operator: Gt, value: "3"}
            containers:
              - {name: app, image: "registry.example.com/app:1.0.0"}
            """);

        var current = Assert.Single(TestSupport.Lint(yaml, "ML3001", Targeting(35)));
        var old = Assert.Single(TestSupport.Lint(yaml, "ML3001", Targeting(34)));

        Assert.Contains("needs the alpha feature gate TaintTolerationComparisonOperators (Kubernetes 1.35+, off by default)", current.Message);
        Assert.Contains("does not exist before Kubernetes 1.35 (targeting 1.34)", old.Message);
    }

    [Fact]
    public void Node_affinity_operator_is_named_as_such()
    {
        var yaml = Workload("Deployment", """
            tolerations:
              - {key: zone, operator: NotIn, value: a}
            containers:
              - {name: app, image: "registry.example.com/app:1.0.0"}
            """);

        Assert.Contains("'NotIn', which is a node-affinity operator, not Exists or Equal", Assert.Single(TestSupport.Lint(yaml, "ML3001")).Message);
    }

    [Fact]
    public void One_operator_typo_gives_one_finding()
    {
        var yaml = Workload("Deployment", """
            tolerations:
              - {operator: exists}
              - {key: dedicated, operator: equal, value: "gpu nodes"}
            containers:
              - {name: app, image: "registry.example.com/app:1.0.0"}
            """);

        var ids = TestSupport.Lint(yaml).Select(finding => finding.Rule.Id).ToArray();

        Assert.Equal(["ML3001", "ML3001"], ids);
    }

    [Fact]
    public void Master_toleration_is_fine_before_the_control_plane_taint_existed()
    {
        var yaml = Workload("DaemonSet", """
            tolerations:
              - {key: node-role.kubernetes.io/master, operator: Exists, effect: NoSchedule}
            containers:
              - {name: app, image: "registry.example.com/app:1.0.0"}
            """);

        Assert.Empty(TestSupport.Lint(yaml, "ML3007", Targeting(23)));
        Assert.Single(TestSupport.Lint(yaml, "ML3007", Targeting(24)));
    }

    [Fact]
    public void Whitespace_in_a_pod_is_rejected_but_a_template_is_accepted()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - {name: web, image: " nginx:1.27.2"}
            """;
        var template = Workload("Deployment", """
            containers:
              - {name: web, image: " nginx:1.27.2"}
            """);

        Assert.Equal(
            "image ' nginx:1.27.2' of container 'web' has leading whitespace; the API server rejects the Pod",
            Assert.Single(TestSupport.Lint(pod, "ML4003")).Message);
        Assert.Equal(
            "image ' nginx:1.27.2' of container 'web' has leading whitespace; the Deployment is accepted but its pods are rejected",
            Assert.Single(TestSupport.Lint(template, "ML4003")).Message);
    }

    [Fact]
    public void Missing_image_is_reported_at_the_container_name()
    {
        var yaml = Workload("StatefulSet", """
            containers:
              - name: db
                ports: [{containerPort: 5432}]
            """);

        var finding = Assert.Single(TestSupport.Lint(yaml, "ML4001"));

        Assert.Equal("container 'db' has no image; the StatefulSet is accepted but its pods are rejected", finding.Message);
        Assert.Equal("spec.template.spec.containers[0].name", finding.Path);
    }

    [Fact]
    public void Malformed_reference_gets_only_the_malformed_finding()
    {
        var yaml = Workload("Deployment", """
            containers:
              - {name: web, image: "Registry.example.com/Web", imagePullPolicy: IfNotPresent}
            """);

        var findings = TestSupport.Lint(yaml, With("ML4007", RuleLevel.Warning)).Where(finding => finding.Rule.Id.StartsWith("ML4", StringComparison.Ordinal)).ToArray();

        var finding = Assert.Single(findings);
        Assert.Equal("ML4002", finding.Rule.Id);
        Assert.Equal(
            "image 'Registry.example.com/Web' of container 'web' is not a valid reference: the repository path 'Web' must be lowercase; the kubelet refuses it with InvalidImageName",
            finding.Message);
    }

    [Fact]
    public void Registry_port_is_not_mistaken_for_a_tag()
    {
        var yaml = Workload("Deployment", """
            containers:
              - {name: web, image: "registry:5000/app"}
            """);

        var finding = Assert.Single(TestSupport.Lint(yaml, "ML4004"));

        Assert.Equal(
            "image 'registry:5000/app' of container 'web' has no tag or digest (':5000' is the registry's port, not a tag), so the kubelet pulls registry:5000/app:latest",
            finding.Message);
        Assert.Equal("spec.template.spec.containers[0].image", finding.Path);
    }

    [Theory]
    [InlineData("nginx:latest", "ML4005")]
    [InlineData("nginx", "ML4004")]
    public void Latest_with_a_caching_pull_policy_is_one_finding(string image, string withoutMutableRule)
    {
        var yaml = Workload("Deployment", $$"""
            containers:
              - {name: web, image: "{{image}}", imagePullPolicy: IfNotPresent}
            """);

        var defaults = TestSupport.Lint(yaml).Select(finding => finding.Rule.Id).ToArray();
        var mutableRuleOff = TestSupport.Lint(yaml, With("ML4006", RuleLevel.Off)).Select(finding => finding.Rule.Id).ToArray();

        Assert.Equal(["ML4006"], defaults);
        Assert.Equal([withoutMutableRule], mutableRuleOff);
    }

    [Fact]
    public void Image_rules_cover_init_and_ephemeral_containers()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              initContainers:
                - {name: init, image: "busybox:latest"}
              containers:
                - {name: web, image: "nginx:latest"}
              ephemeralContainers:
                - {name: debug, image: "busybox:latest"}
            """;

        var messages = TestSupport.Lint(pod, "ML4005").Select(finding => finding.Message).ToArray();

        Assert.Equal(3, messages.Length);
        Assert.Contains(messages, message => message.Contains("of init container 'init'", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.Contains("of container 'web'", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.Contains("of ephemeral container 'debug'", StringComparison.Ordinal));
    }

    [Fact]
    public void Digest_pinning_is_opt_in()
    {
        var yaml = Workload("Deployment", """
            containers:
              - {name: web, image: "nginx:1.27.2"}
            """);

        Assert.Empty(TestSupport.Lint(yaml, "ML4007"));
        Assert.Equal(
            "image 'nginx:1.27.2' of container 'web' is not pinned by digest; the kubelet pulls whatever docker.io/library/nginx:1.27.2 points at",
            Assert.Single(TestSupport.Lint(yaml, "ML4007", With("ML4007", RuleLevel.Warning))).Message);
    }
}
