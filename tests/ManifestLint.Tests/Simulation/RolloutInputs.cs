namespace ManifestLint.Tests.Simulation;

/// <summary>The manifests the rollout command tests run on.</summary>
internal static class RolloutInputs
{
    public static string Directory => Path.Combine(TestSupport.RepositoryRoot, "tests", "ManifestLint.Tests", "Simulation", "Inputs");
}
