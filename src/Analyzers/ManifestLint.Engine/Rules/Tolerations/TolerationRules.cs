namespace ManifestLint.Engine.Rules.Tolerations;

/// <summary>The rules of tolerations (ML3xxx).</summary>
internal static class TolerationRules
{
    public static IEnumerable<Rule> All => [];
}
