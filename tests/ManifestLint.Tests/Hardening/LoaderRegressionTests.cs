using ManifestLint.Engine.Loading;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Hardening;

/// <summary>Minimal inputs that once hung, crashed or exhausted memory in the loader and path computation.</summary>
public sealed class LoaderRegressionTests
{
    // An alias to an anchor that is still open made the node its own ancestor; path computation then never ended.
    private const string AliasToEnclosingAnchor = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec: &s {containers: [{name: c, image: "nginx:latest"}], tolerations: [*s]}
        """;

    // A finding below an empty key failed with IndexOutOfRangeException while its path was built.
    private const string FindingBelowEmptyKey = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec: {"": &c {name: c, image: "nginx:latest"}, containers: [*c]}
        """;

    [Fact]
    public void Alias_to_an_enclosing_anchor_is_a_syntax_error_at_the_alias()
    {
        var loaded = ManifestLoader.Load(new SourceFile("test.yaml", AliasToEnclosingAnchor));
        var problem = Assert.Single(loaded.Problems);
        Assert.Equal("ML9001", problem.RuleId);
        Assert.Contains("anchor 's' value contains itself", problem.Message);
        Assert.Equal(new SourcePosition(4, 73, AliasToEnclosingAnchor.IndexOf("*s", StringComparison.Ordinal)), problem.Start);
        Assert.Empty(loaded.Resources);
    }

    [Fact]
    public void Alias_cycle_leaves_the_next_document_intact()
    {
        var findings = TestSupport.Lint(AliasToEnclosingAnchor + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n");
        Assert.Equal(["ML9001"], findings.Select(finding => finding.Rule.Id));
    }

    [Fact]
    public void Alias_to_a_closed_anchor_is_still_shared()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers: [&c {name: c, image: "nginx:latest"}, *c]
            """;
        var loaded = ManifestLoader.Load(new SourceFile("test.yaml", yaml));
        Assert.Empty(loaded.Problems);
        var containers = loaded.Resources[0].Root.Mapping("spec")!.Sequence("containers")!.Items;
        Assert.Same(containers[0], containers[1]);
    }

    [Fact]
    public void Finding_below_an_empty_key_has_a_readable_path()
    {
        var finding = Assert.Single(TestSupport.Lint(FindingBelowEmptyKey, "ML4005"));
        Assert.Equal("spec[\"\"].image", finding.Path);
    }

    [Fact]
    public void Finding_below_a_non_scalar_key_has_a_readable_path()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              ? []
              : &c {name: c, image: "nginx:latest"}
              containers: [*c]
            """;
        var finding = Assert.Single(TestSupport.Lint(yaml, "ML4005"));
        Assert.Equal("spec[\"\"].image", finding.Path);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("rollout")]
    public void Commands_report_these_inputs_without_an_internal_error(string command)
    {
        using var directory = new TempDirectory();
        directory.Write("cycle.yaml", AliasToEnclosingAnchor);
        directory.Write("empty-key.yaml", FindingBelowEmptyKey);
        var run = CliRunner.Run(directory.Path, command, "cycle.yaml", "empty-key.yaml");
        Assert.DoesNotContain("internal error", run.Stderr + run.Stdout);
        Assert.DoesNotContain("ML9000", run.Stdout);
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public void Every_one_of_many_suppression_comments_matches_its_own_line()
    {
        // Matching was O(findings × comments): 50,000 such documents took 11.7 s instead of 1.9 s.
        var yaml = new System.Text.StringBuilder();
        for (var i = 0; i < 50_000; i++)
            yaml.Append($"---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\nspec:\n  containers:\n    # manifestlint-disable-next-line ML4005\n    - {{name: c, image: \"nginx:latest\", imagePullPolicy: Always}}\n");
        var findings = TestSupport.Lint(yaml.ToString());
        Assert.DoesNotContain(findings, finding => finding.Rule.Id is "ML4005" or "ML9003" or "ML9005");
    }

    [Theory]
    [InlineData("cycle")]
    [InlineData("bomb")]
    [InlineData("deep")]
    public void Change_preview_of_hostile_manifests_ends_with_a_finding(string kind)
    {
        // The preview expanded aliases and recursed without bound: out of memory, stack overflow, or minutes.
        const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.2\n";
        var hostile = kind switch
        {
            "cycle" => Deployment + "          args: &a [x, *a]\n",
            "bomb" => string.Concat(Enumerable.Range(0, 9).Select(level =>
                level == 0 ? "x0: &l0 [x, x, x, x, x, x, x, x, x, x]\n" : $"x{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n")) +
                Deployment + "          args: [*l8]\n",
            _ => Deployment + "          args: " + new string('[', 30_000) + new string(']', 30_000) + "\n",
        };
        using var directory = new TempDirectory();
        directory.Write("before.yaml", Deployment);
        directory.Write("after.yaml", hostile);
        var run = CliRunner.Run(directory.Path, "rollout", "--before", "before.yaml", "--after", "after.yaml");
        Assert.DoesNotContain("internal error", run.Stderr);
        Assert.Contains(kind == "cycle" ? "ML9001" : "ML9005", run.Stdout + run.Stderr);
    }
}
