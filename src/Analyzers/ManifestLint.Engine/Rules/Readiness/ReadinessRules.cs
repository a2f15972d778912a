namespace ManifestLint.Engine.Rules.Readiness;

/// <summary>The rules of readiness, history and selectors (ML5xxx).</summary>
internal static class ReadinessRules
{
    public static IEnumerable<Rule> All => [];
}
