using ManifestLint.Engine;
using ManifestLint.Engine.Loading;

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
