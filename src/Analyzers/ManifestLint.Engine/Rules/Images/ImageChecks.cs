using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Images;

/// <summary>A container's image, parsed once the way the kubelet reads it.</summary>
internal sealed record ContainerImage(ContainerView Container, ManifestScalar Node, ImageReference Reference)
{
    /// <summary>How messages name the image: as written, in quotes.</summary>
    public string Quoted => $"'{Node.Value}'";

    /// <summary>The explicit <c>imagePullPolicy</c> when it is IfNotPresent or Never: the node reuses what it has.</summary>
    public ManifestScalar? CachingPullPolicy => Container.ImagePullPolicy is { Value: "IfNotPresent" or "Never" } policy ? policy : null;
}

/// <summary>What the image rules share: which images to look at, and which tags count as mutable.</summary>
internal static class ImageChecks
{
    /// <summary>
    /// Tags that registries conventionally move to newer builds. Besides these names (any case), tags starting with
    /// <c>latest-</c> or ending with <c>-latest</c>, <c>-nightly</c> or <c>-snapshot</c> count as mutable. Version tags
    /// that float (<c>nginx:1.27</c>) are not counted: too many registries treat them as stable.
    /// </summary>
    private static readonly HashSet<string> FloatingTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "latest", "stable", "edge", "nightly", "canary", "beta", "alpha", "unstable", "testing", "next", "current",
        "lts", "mainline", "main", "master", "trunk", "head", "dev", "develop", "development", "snapshot", "rolling",
    };

    private static readonly string[] FloatingSuffixes = ["-latest", "-nightly", "-snapshot"];

    /// <summary>
    /// The containers with a non-blank scalar image, parsed after trimming: blank or missing images are ML4001's
    /// finding and surrounding whitespace is ML4003's, so the other rules judge what is left.
    /// </summary>
    public static IEnumerable<ContainerImage> Images(RuleContext context)
    {
        foreach (var container in context.Containers())
        {
            if (container.Image is { } node && node.Value.Trim().Length > 0)
                yield return new ContainerImage(container, node, ImageReference.Parse(node.Value.Trim()));
        }
    }

    /// <summary>Why the tag the kubelet pulls can change under the same name, or null for a fixed reference.</summary>
    public static string? MutableTag(ImageReference reference)
    {
        if (!reference.IsValid || reference.Digest is not null)
            return null;
        if (reference.IsImplicitLatest)
            return "the implicit tag latest";
        var tag = reference.Tag!;
        var floating = FloatingTags.Contains(tag) ||
                       tag.StartsWith("latest-", StringComparison.OrdinalIgnoreCase) ||
                       FloatingSuffixes.Any(suffix => tag.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        return floating ? $"the mutable tag {tag}" : null;
    }

    /// <summary>
    /// True when ML4006 (mutable tag with a caching pull policy) reports this image: ML4004 and ML4005 then stay quiet,
    /// so one mistake gets one finding.
    /// </summary>
    public static bool ReportedAsStaleMutableTag(RuleContext context, ContainerImage image) =>
        image.CachingPullPolicy is not null && MutableTag(image.Reference) is not null &&
        context.Configuration.LevelOf(MutableTagPullPolicyRule.Definition) != RuleLevel.Off;
}
