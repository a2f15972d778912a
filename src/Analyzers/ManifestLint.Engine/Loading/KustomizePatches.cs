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

    /// <summary>The reason a skipped patch gets, naming the kustomization that lists it.</summary>
    public static string SkipReason(string kustomizationPath) => $"kustomize patch listed in {kustomizationPath}, not a whole object";

    // `patchesStrategicMerge: [file]` (deprecated), `patches: [{path: file}]` and `patchesJson6902: [{path: file}]`;
    // inline patches name no file.
    private static IEnumerable<string> PatchPaths(ManifestMapping kustomization)
    {
        foreach (var item in kustomization.Sequence("patchesStrategicMerge")?.Items ?? [])
        {
            if (item is ManifestScalar { IsNull: false } path && !path.Value.Contains("\n"))
                yield return path.Value;
        }

        foreach (var key in new[] { "patches", "patchesJson6902" })
        {
            foreach (var item in kustomization.Sequence(key)?.Items ?? [])
            {
                if (item is ManifestMapping patch && patch.String("path") is { Length: > 0 } path)
                    yield return path;
            }
        }
    }
}

/// <summary>
/// Finds, on disk, the kustomization that lists a file as a patch: <c>kustomization.yaml</c>, <c>kustomization.yml</c>
/// or <c>Kustomization</c> in the file's folder or a parent, up to a stop folder (the repository root). pre-commit
/// passes only the staged files, so the kustomization is often not among the inputs. Each folder is read once.
/// </summary>
public sealed class KustomizationIndex
{
    private static readonly string[] FileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    private readonly Dictionary<string, (string Path, HashSet<string> Patches)[]> byDirectory = new(StringComparer.Ordinal);

    /// <summary>The full path of the kustomization that lists <paramref name="fullPath"/> as a patch, or null.</summary>
    /// <param name="stopDirectory">The last folder searched (the repository root); null searches only the file's folder.</param>
    public string? ListedBy(string fullPath, string? stopDirectory)
    {
        var normalized = KustomizePatches.Normalize(Path.GetFullPath(fullPath));
        var stop = stopDirectory is null ? null : KustomizePatches.Normalize(Path.GetFullPath(stopDirectory));
        for (var directory = Path.GetDirectoryName(Path.GetFullPath(fullPath)); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            foreach (var (path, patches) in KustomizationsIn(directory))
            {
                if (patches.Contains(normalized))
                    return path;
            }

            if (stop is null || KustomizePatches.Normalize(directory) == stop || !normalized.StartsWith(stop + "/", StringComparison.Ordinal))
                break;
        }

        return null;
    }

    private (string Path, HashSet<string> Patches)[] KustomizationsIn(string directory)
    {
        if (byDirectory.TryGetValue(directory, out var known))
            return known;
        var found = new List<(string, HashSet<string>)>();
        foreach (var name in FileNames)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
                continue;
            try
            {
                var patches = KustomizePatches.ListedIn(new SourceFile(path, File.ReadAllText(path)));
                found.Add((path, new HashSet<string>(patches, StringComparer.Ordinal)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // An unreadable kustomization lists nothing; the file is then linted as it is.
            }
        }

        return byDirectory[directory] = found.ToArray();
    }
}
