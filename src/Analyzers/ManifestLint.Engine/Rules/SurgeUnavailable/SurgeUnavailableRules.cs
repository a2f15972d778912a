namespace ManifestLint.Engine.Rules.SurgeUnavailable;

/// <summary>The rules of surge and unavailable arithmetic (ML2xxx).</summary>
internal static class SurgeUnavailableRules
{
    public static IEnumerable<Rule> All => [];
}
