namespace ManifestLint.Engine.Rules.ApiVersions;

/// <summary>The rules of API versions (ML7xxx).</summary>
internal static class ApiVersionRules
{
    public static IEnumerable<Rule> All => [new RemovedApiVersionRule()];
}
