using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Tests.Simulation;

/// <summary>
/// The change preview compares pod templates after API-server defaulting, as the controllers do (issue 11 A2):
/// writing a default out, or leaving it out, starts no rollout.
/// </summary>
public sealed class TemplateDefaultingTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  ports:
                    - containerPort: 80
                  readinessProbe:
                    httpGet: {port: 80}
                  resources:
                    requests: {cpu: 100m, memory: 1Gi}
              volumes:
                - name: config
                  configMap: {name: web}
                - name: scratch
                  emptyDir: {}
        """;

    public static TheoryData<string, string, string> SameAfterDefaulting => new()
    {
        { "imagePullPolicy IfNotPresent on a tagged image", "image: nginx:1.27.2", "image: nginx:1.27.2\n          imagePullPolicy: IfNotPresent" },
        { "imagePullPolicy Always on :latest", "image: nginx:1.27.2", "image: nginx:latest|image: nginx:latest\n          imagePullPolicy: Always" },
        { "imagePullPolicy Always on an implicit latest", "image: nginx:1.27.2", "image: nginx|image: nginx\n          imagePullPolicy: Always" },
        { "imagePullPolicy IfNotPresent on a digest", "image: nginx:1.27.2", "image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef|image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n          imagePullPolicy: IfNotPresent" },
        { "terminationGracePeriodSeconds 30", "containers:", "terminationGracePeriodSeconds: 30\n      containers:" },
        { "resources {}", "resources:\n            requests: {cpu: 100m, memory: 1Gi}", "|resources: {}" },
        { "limits {}", "requests: {cpu: 100m, memory: 1Gi}", "requests: {cpu: 100m, memory: 1Gi}\n            limits: {}" },
        { "termination message defaults", "image: nginx:1.27.2", "image: nginx:1.27.2\n          terminationMessagePath: /dev/termination-log\n          terminationMessagePolicy: File" },
        { "pod defaults", "containers:", "restartPolicy: Always\n      dnsPolicy: ClusterFirst\n      schedulerName: default-scheduler\n      securityContext: {}\n      enableServiceLinks: true\n      hostNetwork: false\n      containers:" },
        { "protocol TCP", "- containerPort: 80", "- containerPort: 80\n              protocol: TCP" },
        { "probe defaults", "httpGet: {port: 80}", "httpGet: {port: 80, path: /, scheme: HTTP}\n            timeoutSeconds: 1\n            periodSeconds: 10\n            successThreshold: 1\n            failureThreshold: 3" },
        { "probe zero means default", "httpGet: {port: 80}", "httpGet: {port: 80}\n            timeoutSeconds: 0" },
        { "empty metadata, maps and lists", "labels: {app: web}", "labels: {app: web}\n        annotations: {}\n        creationTimestamp: null" },
        { "empty env and nodeSelector", "containers:", "nodeSelector: {}\n      tolerations: []\n      containers:" },
        { "quantities by value", "{cpu: 100m, memory: 1Gi}", "{cpu: \"0.1\", memory: 1024Mi}" },
        { "key order and flow style", "httpGet: {port: 80}", "httpGet:\n              port: 80" },
        { "configMap defaultMode 0644", "configMap: {name: web}", "configMap: {name: web, defaultMode: 0644}" },
        { "configMap defaultMode 420", "configMap: {name: web}", "configMap: {name: web, defaultMode: 420}" },
        { "a volume with no source is an emptyDir", "- name: scratch\n          emptyDir: {}", "- name: scratch" },
        { "serviceAccount mirrors serviceAccountName", "containers:", "serviceAccountName: web\n      containers:|serviceAccount: web\n      containers:" },
    };

    public static TheoryData<string, string, string, string> Rollouts => new()
    {
        { "imagePullPolicy Always on a tagged image", "image: nginx:1.27.2", "image: nginx:1.27.2\n          imagePullPolicy: Always", "spec.template.spec.containers[0].imagePullPolicy: IfNotPresent → Always" },
        { "terminationGracePeriodSeconds 60", "containers:", "terminationGracePeriodSeconds: 60\n      containers:", "spec.template.spec.terminationGracePeriodSeconds: 30 → 60" },
        { "a limit", "requests: {cpu: 100m, memory: 1Gi}", "requests: {cpu: 100m, memory: 1Gi}\n            limits: {cpu: 200m}", "spec.template.spec.containers[0].resources.limits: (absent) → {cpu: 0.2}" },
        { "an empty container securityContext", "image: nginx:1.27.2", "image: nginx:1.27.2\n          securityContext: {}", "spec.template.spec.containers[0].securityContext: (absent) → {}" },
        { "a probe period", "httpGet: {port: 80}", "httpGet: {port: 80}\n            periodSeconds: 5", "spec.template.spec.containers[0].readinessProbe.periodSeconds: 10 → 5" },
        { "an emptyDir medium", "emptyDir: {}", "emptyDir: {medium: Memory}", "spec.template.spec.volumes[1].emptyDir.medium: (absent) → Memory" },
        { "a quoted port", "httpGet: {port: 80}", "httpGet: {port: \"80\"}", "spec.template.spec.containers[0].readinessProbe.httpGet.port: 80 → \"80\"" },
    };

    /// <summary><paramref name="to"/> holds "after" or "before|after" replacements of <paramref name="from"/>.</summary>
    [Theory]
    [MemberData(nameof(SameAfterDefaulting))]
    public void Writing_out_a_default_starts_no_rollout(string name, string from, string to)
    {
        var (before, after) = Versions(from, to);

        var change = Assert.Single(ChangePreview.Compare(Load(before), Load(after)));

        Assert.False(change.TriggersRollout, $"{name}: {string.Join("; ", change.TemplateChanges)}");
        Assert.Empty(change.TemplateChanges);
        if (change.Kind == WorkloadChangeKind.Modified)
            Assert.Contains(change.Notes, note => note.StartsWith("the pod template changes only in values the API server sets by default", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rollouts))]
    public void A_value_other_than_the_default_rolls_out(string name, string from, string to, string expected)
    {
        var (before, after) = Versions(from, to);

        var change = Assert.Single(ChangePreview.Compare(Load(before), Load(after)));

        Assert.True(change.TriggersRollout, name);
        Assert.Equal(expected, $"{change.TemplateChanges[0].Path}: {change.TemplateChanges[0].Before ?? "(absent)"} → {change.TemplateChanges[0].After ?? "(absent)"}");
    }

    [Fact]
    public void The_defaulted_note_names_the_written_fields()
    {
        var (before, after) = Versions("image: nginx:1.27.2", "image: nginx:1.27.2\n          imagePullPolicy: IfNotPresent");

        var change = Assert.Single(ChangePreview.Compare(Load(before), Load(after)));

        Assert.Equal(WorkloadChangeKind.Modified, change.Kind);
        Assert.Contains("the pod template changes only in values the API server sets by default (spec.template.spec.containers[0].imagePullPolicy): the controller sees the same template, so no rollout starts", change.Notes);
    }

    [Theory]
    [InlineData("100m", "0.1")]
    [InlineData("1Gi", "1073741824")]
    [InlineData("1.5", "1.5")]
    [InlineData("1500m", "1.5")]
    [InlineData("1e3", "1000")]
    [InlineData("2k", "2000")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("12Mi", "12582912")]
    public void Quantities_compare_by_value(string text, string canonical) =>
        Assert.Equal(canonical, CanonicalBuilder.Quantity(text));

    private static (string Before, string After) Versions(string from, string to)
    {
        var parts = to.Split('|');
        var before = parts.Length == 2 ? Deployment.Replace(from, parts[0]) : Deployment;
        var after = Deployment.Replace(from, parts[^1]);
        Assert.NotEqual(Deployment, after);
        return (before, after);
    }

    private static IReadOnlyList<Resource> Load(string yaml) => ManifestLoader.Load(new SourceFile("test.yaml", yaml)).Resources;
}
