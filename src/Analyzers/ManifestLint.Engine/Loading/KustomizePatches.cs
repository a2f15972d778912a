namespace ManifestLint.Engine.Loading;

/// <summary>
/// Finds the files that a kustomization among the inputs lists as patches. A patch is a partial object (no
/// selector, no image), so linting it as a whole manifest gives only false findings.
/// </summary>
public static class KustomizePatches
{
    private static readonly HashSet<string> KustomizationFileNames = new(StringComparer.Ordinal)
    {
        "kustomization.yaml", "kustomization.yml", "Kustomization",
    };

    /// <summary>Maps the normalised path of every patch file to the kustomization that lists it.</summary>
    public static IReadOnlyDictionary<string, string> Find(IEnumerable<SourceFile> files)
    {
        var patches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!KustomizationFileNames.Contains(Path.GetFileName(file.Path)))
                continue;
            if (YamlTreeReader.Read(file.Text).Documents.FirstOrDefault() is not ManifestMapping kustomization)
                continue;
            var directory = Path.GetDirectoryName(file.Path) ?? string.Empty;
            foreach (var patch in PatchPaths(kustomization))
                patches[Normalize(Path.Combine(directory, patch))] = file.Path;
        }

        return patches;
    }

    /// <summary>A path with forward slashes and no <c>.</c> or <c>..</c> segments, for comparing input paths.</summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "." or "")
                continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else
                parts.Add(part);
        }

        var normalized = string.Join("/", parts);
        return path.StartsWith("/", StringComparison.Ordinal) ? "/" + normalized : normalized;
    }

    // `patchesStrategicMerge: [file]` (deprecated) and `patches: [{path: file}]`; inline patches name no file.
    private static IEnumerable<string> PatchPaths(ManifestMapping kustomization)
    {
        foreach (var item in kustomization.Sequence("patchesStrategicMerge")?.Items ?? [])
        {
            if (item is ManifestScalar { IsNull: false } path && !path.Value.Contains("\n"))
                yield return path.Value;
        }

        foreach (var item in kustomization.Sequence("patches")?.Items ?? [])
        {
            if (item is ManifestMapping patch && patch.String("path") is { Length: > 0 } path)
                yield return path;
        }
    }
}
