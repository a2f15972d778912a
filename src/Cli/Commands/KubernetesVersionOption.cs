using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Cli.Commands;

/// <summary><c>--kubernetes-version X.Y[.Z]</c>, shared by <c>check</c> and <c>rollout</c>: overrides the configuration's target.</summary>
internal static class KubernetesVersionOption
{
    public const string Name = "--kubernetes-version";

    public static LintConfiguration Apply(ArgumentReader reader, LintConfiguration configuration)
    {
        if (reader.Value(Name) is not { } text)
            return configuration;
        return KubernetesVersion.ParseKnown(text, out var error) is { } version
            ? configuration with { KubernetesVersion = version }
            : throw new UsageException($"{Name}: {error}");
    }
}
