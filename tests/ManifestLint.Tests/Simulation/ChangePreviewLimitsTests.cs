using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Simulation;

/// <summary>Hostile YAML in the change preview (issue 7 point 3): aliases stay shared, depth and work are bounded.</summary>
public sealed class ChangePreviewLimitsTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  args: ARGS
        """;

    /// <summary>
    /// Nested anchors, each referencing the previous one ten times: with ten levels, 10^9 leaves once expanded. The
    /// loader's alias limit (ML9005) stops that one before any comparison, so the comparison's own bounds are tested
    /// with four levels (10^4 leaves), which the loader lets through.
    /// </summary>
    private static string AliasBomb(string leaf, int depth = 10)
    {
        var levels = new List<string> { $"a0: &a0 [{leaf}]" };
        for (var i = 1; i < depth; i++)
            levels.Add($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        return Deployment.Replace("args: ARGS", "args: [x]").Replace("containers:", $"x-bomb: {{{string.Join(", ", levels)}}}\n      containers:");
    }

    [Fact]
    public void The_alias_bomb_fits_in_718_bytes()
    {
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(AliasBomb("lol")), 600, 760);
    }

    [Fact]
    public void An_alias_cycle_never_reaches_the_preview_the_loader_refuses_it_at_the_alias()
    {
        var loaded = ManifestLoader.Load(new SourceFile("test.yaml", Deployment.Replace("ARGS", "&a [x, *a]")));

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal("ML9001", problem.RuleId);
        Assert.Equal(12, problem.Start.Line);
        Assert.Contains("contains itself", problem.Message, StringComparison.Ordinal);
        Assert.Empty(loaded.Resources);
    }

    [Fact]
    public void An_alias_bomb_is_compared_node_by_node_without_expanding_it()
    {
        // 10^4 leaves expanded; shared, the two versions are about 100 distinct nodes.
        var limits = new ComparisonLimits(MaxWork: 500);

        var same = Compare(AliasBomb("lol", depth: 4), AliasBomb("lol", depth: 4), limits);
        var changed = Compare(AliasBomb("lol", depth: 4), AliasBomb("lul", depth: 4), limits);

        Assert.Null(same.NotCompared);
        Assert.False(same.TriggersRollout);
        Assert.Null(changed.NotCompared);
        Assert.True(changed.TriggersRollout);
        Assert.Equal(new FieldChange("spec.template.spec.x-bomb.a0[0]", "lol", "lul"), changed.TemplateChanges[0]);
        // Each shared pair is walked once; a pair met again is listed at its path: 1 + 3 × 10 places.
        Assert.Equal(31, changed.TemplateChanges.Count);
        Assert.Equal(new FieldChange("spec.template.spec.x-bomb.a3[9]", "[[[lol], [lol], [lol], [lol], [lol], [lol], [lol], [lol], [lol], [lol]], [[lol]…", "[[[lul], [lul], [lul], [lul], [lul], [lul], [lul], [lul], [lul], [lul]], [[lul]…"), changed.TemplateChanges[^1]);
    }

    [Fact]
    public void The_work_bound_names_itself()
    {
        var change = Compare(AliasBomb("lol", depth: 4), AliasBomb("lul", depth: 4), new ComparisonLimits(MaxWork: 50));

        Assert.Equal("not compared: more than 50 values to compare (aliases may repeat a value many times); the comparison stops there", change.NotCompared);
    }

    [Fact]
    public void Thirty_thousand_levels_of_nesting_stop_at_the_depth_bound()
    {
        var deep = Deployment.Replace("args: ARGS", "args:\n            " + string.Concat(Enumerable.Repeat("- ", 30_000)) + "x");

        var change = Compare(Deployment.Replace("ARGS", "[x]"), deep);

        Assert.Equal("not compared: spec.template.spec.containers[0].args[0][0][0][0][0][0][0]… (89 more levels) (line 13) is nested more than 100 levels deep", change.NotCompared);
    }

    [Fact]
    public void The_cli_reports_a_bound_as_not_compared_and_exits_1()
    {
        using var directory = new TempDirectory();
        directory.Write("old.yaml", Deployment.Replace("ARGS", "[x]"));
        // 150 levels: within the loader's nesting limit, beyond the comparison's depth bound.
        directory.Write("new.yaml", Deployment.Replace("args: ARGS", "args:\n            " + string.Concat(Enumerable.Repeat("- ", 150)) + "x"));

        var run = CliRunner.Run(directory.Path, "rollout", "--before", "old.yaml", "--after", "new.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  change: not compared\n  note: not compared: spec.template.spec.containers[0].args[0]", run.Stdout);
        Assert.Empty(run.Stderr);
    }

    private static WorkloadChange Compare(string before, string after, ComparisonLimits? limits = null) =>
        Assert.Single(ChangePreview.Compare(Load(before), Load(after), limits));

    // The loader's limits (ML9005) would stop these inputs before the preview sees them: lift them, so the preview's
    // own bounds are what is tested.
    private static readonly InputLimits Unbounded = InputLimits.Default with { MaxAliasNodes = int.MaxValue, MaxNestingDepth = int.MaxValue };

    private static IReadOnlyList<Resource> Load(string yaml) => ManifestLoader.Load(new SourceFile("test.yaml", yaml), Unbounded).Resources;
}
