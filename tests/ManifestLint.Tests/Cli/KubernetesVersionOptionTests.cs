using ManifestLint.Cli;
using ManifestLint.Engine;

namespace ManifestLint.Tests.Cli;

/// <summary>Target versions: X.Y and X.Y.Z in the option and the configuration; unknown versions are usage errors.</summary>
public sealed class KubernetesVersionOptionTests
{
    private const string StatefulSet = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          replicas: 4
          podManagementPolicy: Parallel
          selector: {matchLabels: {app: db}}
          updateStrategy: {rollingUpdate: {maxUnavailable: 2}}
          template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres:16.4}]}}
        """;

    [Theory]
    [InlineData("1.37", 1, 37, null)]
    [InlineData("v1.35.3", 1, 35, 3)]
    [InlineData(" 1.29 ", 1, 29, null)]
    [InlineData("1.35.04", 1, 35, 4)]
    public void Parses_minor_and_patch_versions(string text, int major, int minor, int? patch)
    {
        Assert.True(KubernetesVersion.TryParse(text, out var version));
        Assert.Equal(new KubernetesVersion(major, minor, patch), version);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.35.3.1")]
    [InlineData("1.-5")]
    [InlineData("1.35.x")]
    [InlineData("latest")]
    public void Rejects_malformed_versions(string text) => Assert.False(KubernetesVersion.TryParse(text, out _));

    [Fact]
    public void Patches_count_only_when_both_versions_have_one()
    {
        Assert.True(new KubernetesVersion(1, 35) >= new KubernetesVersion(1, 35, 4));
        Assert.True(new KubernetesVersion(1, 37, 0) >= new KubernetesVersion(1, 37));
        Assert.True(new KubernetesVersion(1, 35, 3) < new KubernetesVersion(1, 35, 4));
        Assert.True(new KubernetesVersion(1, 35) < new KubernetesVersion(1, 36, 0));
        Assert.Equal("1.35.3", new KubernetesVersion(1, 35, 3).ToString());
        Assert.Equal(new KubernetesVersion(1, 37), KubernetesVersion.Newest);
    }

    [Theory]
    [InlineData("check", "1.99", "unknown Kubernetes version '1.99': known versions are 1.29–1.37")]
    [InlineData("check", "1.20", "unknown Kubernetes version '1.20': known versions are 1.29–1.37")]
    [InlineData("rollout", "1.99", "unknown Kubernetes version '1.99': known versions are 1.29–1.37")]
    [InlineData("rollout", "2.1", "unknown Kubernetes version '2.1': known versions are 1.29–1.37")]
    [InlineData("rollout", "newest", "Kubernetes version 'newest' must look like X.Y or X.Y.Z (e.g. 1.37); known versions are 1.29–1.37")]
    public void An_unknown_version_is_a_usage_error_naming_the_known_range(string command, string version, string message)
    {
        using var folder = new TempDirectory();
        folder.Write("db.yaml", StatefulSet);

        var run = CliRunner.Run(folder.Path, command, "--kubernetes-version", version, "db.yaml");

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Equal($"manifestlint: --kubernetes-version: {message}\n", run.Stderr);
    }

    [Fact]
    public void An_unknown_version_in_the_configuration_is_a_configuration_error_with_its_position()
    {
        using var folder = new TempDirectory();
        folder.Write("db.yaml", StatefulSet);
        var config = folder.Write(".manifestlint.yaml", "rules: {}\nkubernetesVersion: \"1.99\"\n");

        var run = CliRunner.Run(folder.Path, "rollout", "db.yaml");

        Assert.Equal(ExitCodes.UsageOrInputError, run.ExitCode);
        Assert.Equal($"manifestlint: invalid configuration: {config}:2:20: 'kubernetesVersion': unknown Kubernetes version '1.99': known versions are 1.29–1.37\n", run.Stderr);
    }

    [Theory]
    [InlineData("1.35.3", false, "2 pods at a time")]
    [InlineData("1.35.4", true, "one pod at a time")]
    [InlineData("1.35", true, "one pod at a time")]
    [InlineData("1.36", true, "one pod at a time")]
    [InlineData("1.37", false, "2 pods at a time")]
    public void Patch_versions_decide_the_statefulset_max_unavailable_gate_in_check_and_rollout(string version, bool dropped, string rollout)
    {
        using var folder = new TempDirectory();
        folder.Write("db.yaml", StatefulSet);

        var check = CliRunner.Run(folder.Path, "check", "--kubernetes-version", version, "db.yaml");
        var replay = CliRunner.Run(folder.Path, "rollout", "--kubernetes-version", version, "db.yaml");

        Assert.Equal(dropped, check.Stdout.Contains("ML2009", StringComparison.Ordinal));
        Assert.Contains(rollout, replay.Stdout, StringComparison.Ordinal);
    }
}
