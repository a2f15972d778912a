using ManifestLint.Engine;
using ManifestLint.Engine.Loading;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Loading;

public sealed class KustomizePatchesTests
{
    private const string PartialDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, resources: {limits: {memory: 1Gi}}}]
        """;

    [Fact]
    public void Files_listed_as_patches_are_skipped_with_the_kustomization_named()
    {
        var files = new[]
        {
            new SourceFile("overlays/prod/kustomization.yaml", "resources: [../../base]\npatches:\n  - path: memory.yaml\n  - target: {kind: Deployment}\n    patch: '[]'\npatchesStrategicMerge:\n  - ./legacy/replicas.yaml\n"),
            new SourceFile("overlays/prod/memory.yaml", PartialDeployment),
            new SourceFile("overlays/prod/legacy/replicas.yaml", PartialDeployment),
        };

        var result = new Linter().Lint(files);

        Assert.Empty(result.Findings);
        Assert.Equal(0, result.Resources);
        Assert.Contains(result.Skipped, skipped => skipped.Path == "overlays/prod/memory.yaml" && skipped.Reason.Contains("overlays/prod/kustomization.yaml"));
        Assert.Contains(result.Skipped, skipped => skipped.Path == "overlays/prod/legacy/replicas.yaml");
    }

    [Fact]
    public void The_same_partial_object_outside_a_kustomization_is_linted()
    {
        var result = new Linter().Lint([new SourceFile("overlays/prod/memory.yaml", PartialDeployment)]);

        Assert.Contains(result.Findings, finding => finding.Rule.Id == "ML5005");
        Assert.Contains(result.Findings, finding => finding.Rule.Id == "ML4001");
    }

    [Theory]
    [InlineData("a/./b/../c.yaml", "a/c.yaml")]
    [InlineData("../x/y.yaml", "../x/y.yaml")]
    [InlineData("a\\b.yaml", "a/b.yaml")]
    [InlineData("/abs/./p.yaml", "/abs/p.yaml")]
    public void Paths_are_normalised_for_matching(string path, string expected) =>
        Assert.Equal(expected, KustomizePatches.Normalize(path));
}

/// <summary>Patches whose kustomization is not among the inputs, as pre-commit passes only the staged files.</summary>
public sealed class KustomizePatchDiscoveryTests : IDisposable
{
    private const string PartialDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 5
        """;

    private readonly TempDirectory repository = new("manifestlint-kustomize");

    public KustomizePatchDiscoveryTests()
    {
        Directory.CreateDirectory(Path.Combine(repository.Path, ".git"));
        repository.Write("overlays/prod/kustomization.yaml", """
            resources: [../../base]
            patches:
              - path: replicas.yaml
            patchesJson6902:
              - target: {group: apps, version: v1, kind: Deployment, name: web}
                path: json/ops.yaml
            """);
        repository.Write("overlays/prod/replicas.yaml", PartialDeployment);
        repository.Write("overlays/prod/json/ops.yaml", PartialDeployment);
        repository.Write("overlays/prod/Kustomization", string.Empty);
        repository.Write("overlays/staging/replicas.yaml", PartialDeployment);
    }

    public void Dispose() => repository.Dispose();

    [Fact]
    public void A_patch_linted_alone_is_skipped_with_a_verbose_reason()
    {
        var run = CliRunner.Run(repository.Path, "check", "--verbose", "overlays/prod/replicas.yaml", "overlays/prod/json/ops.yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("ML5005", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("overlays/prod/replicas.yaml: skipped: kustomize patch listed in overlays/prod/kustomization.yaml, not a whole object", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("overlays/prod/json/ops.yaml: skipped: kustomize patch listed in overlays/prod/kustomization.yaml", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_is_found_from_a_subfolder_working_directory()
    {
        var run = CliRunner.Run(Path.Combine(repository.Path, "overlays", "prod", "json"), "check", "--verbose", "ops.yaml");

        Assert.Equal(0, run.ExitCode);
        // Outside the working directory the kustomization is shown by its full path, as findings are.
        Assert.Contains($"ops.yaml: skipped: kustomize patch listed in {Path.Combine(repository.Path, "overlays", "prod", "kustomization.yaml")}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_partial_object_not_listed_anywhere_is_linted()
    {
        var run = CliRunner.Run(repository.Path, "check", "overlays/staging/replicas.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[ML5005]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Kustomizations_above_the_repository_root_are_not_consulted()
    {
        using var outer = new TempDirectory("manifestlint-kustomize-outer");
        outer.Write("kustomization.yaml", "patches:\n  - path: inner/app/replicas.yaml\n");
        Directory.CreateDirectory(Path.Combine(outer.Path, "inner", ".git"));
        outer.Write("inner/app/replicas.yaml", PartialDeployment);

        var run = CliRunner.Run(Path.Combine(outer.Path, "inner"), "check", "app/replicas.yaml");

        Assert.Contains("error[ML5005]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Rollout_skips_a_patch_too()
    {
        var patch = CliRunner.Run(repository.Path, "rollout", "overlays/prod/replicas.yaml");
        var notPatch = CliRunner.Run(repository.Path, "rollout", "overlays/staging/replicas.yaml");

        Assert.Equal(0, patch.ExitCode);
        Assert.DoesNotContain("web", patch.Stdout, StringComparison.Ordinal);
        Assert.Contains("web", notPatch.Stdout, StringComparison.Ordinal);
    }
}
