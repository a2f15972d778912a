namespace ManifestLint.Engine.Rules.Images;

/// <summary>The rules of image references (ML4xxx).</summary>
internal static class ImageRules
{
    public static IEnumerable<Rule> All =>
    [
        new MissingImageRule(),
        new MalformedImageReferenceRule(),
        new ImageWhitespaceRule(),
        new ImageWithoutTagRule(),
        new LatestTagRule(),
        new MutableTagPullPolicyRule(),
        new ImageWithoutDigestRule(),
    ];
}
