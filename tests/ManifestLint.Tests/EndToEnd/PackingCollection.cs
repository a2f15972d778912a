namespace ManifestLint.Tests.EndToEnd;

/// <summary>Tests that run <c>dotnet pack</c> in the repository build the same projects (the engine) into the same
/// obj/ folders, so they run one after the other, never in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class PackingCollection
{
    public const string Name = "dotnet pack in the repository";
}
