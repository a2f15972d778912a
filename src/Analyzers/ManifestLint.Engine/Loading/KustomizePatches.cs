namespace ManifestLint.Engine.Loading;

/// <summary>
/// Reads which files a kustomization lists as patches. A patch is a partial object (no
/// selector, no image), so linting it as a whole manifest gives only false findings.
/// </summary>
public static class KustomizePatches
{
    private static readonly HashSet<string> KustomizationFileNames = new(StringComparer.Ordinal)
    {
        "kustomization.yaml", "kustomization.yml", "Kustomization",
    };

    /// <summary>The normalised paths of the patch files that <paramref name="file"/> lists, if it is a kustomization.</summary>
    public static IReadOnlyList<string> ListedIn(SourceFile file)
    {
        if (!KustomizationFileNames.Contains(Path.GetFileName(file.Path)) ||
            YamlTreeReader.Read(file.Text).Documents.FirstOrDefault() is not ManifestMapping kustomization)
        {
            return [];
        }

        var directory = Path.GetDirectoryName(file.Path) ?? string.Empty;
        return PatchPaths(kustomization).Select(patch => Normalize(Path.Combine(directory, patch))).ToArray();
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
