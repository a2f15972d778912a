namespace ManifestLint.Engine.Loading;

/// <summary>
/// Builds positioned node trees for front ends other than the YAML reader (C# object initializers in the Roslyn
/// analyzer), so every rule runs on them unchanged.
/// </summary>
public static class ManifestTree
{
    public static ManifestScalar Scalar(string value, bool isPlain, SourcePosition start, SourcePosition end) => new(value, isPlain, start, end);

    public static ManifestMapping Mapping(SourcePosition start, SourcePosition end) => new(start, end);

    public static ManifestSequence Sequence(SourcePosition start, SourcePosition end) => new(start, end);

    public static void Add(ManifestMapping mapping, ManifestScalar key, ManifestNode value) => mapping.Add(new ManifestEntry(key, value));

    public static void Add(ManifestSequence sequence, ManifestNode item) => sequence.Add(item);

    /// <summary>The object <paramref name="root"/> describes, or null when it has no string apiVersion and kind.</summary>
    public static Resource? AsResource(SourceFile file, ManifestMapping root) => ManifestLoader.AsResource(file, root);

    /// <summary>A loaded file of ready-made objects, for <see cref="Linter.Check(LoadedFile)"/>.</summary>
    public static LoadedFile Loaded(SourceFile file, IReadOnlyList<Resource> resources) => new(file, resources, [], [], []);
}
