namespace ManifestLint.Tests;

/// <summary>
/// A test that reads data others wrote (../shared beside the repository: corpus, OpenAPI documents, CRD catalog).
/// It is skipped in a plain clone, where that folder does not exist; CI runs these tests as their own step with
/// <c>--filter Data=Shared</c>. Put <c>[Trait("Data", "Shared")]</c> on the class as well.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!Directory.Exists(TestSupport.SharedDirectory))
            Skip = $"needs {TestSupport.SharedDirectory} (the shared data beside the repository)";
    }
}
