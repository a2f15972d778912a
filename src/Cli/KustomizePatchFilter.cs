using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Reporting;

namespace ManifestLint.Cli;

/// <summary>
/// Drops the inputs that a kustomization in their folder or a parent (up to the repository root, else the working
/// directory) lists as patches, whether or not that kustomization is an input itself.
/// </summary>
internal static class KustomizePatchFilter
{
    public static List<T> Apply<T>(IEnumerable<T> inputs, Func<T, string> displayPath, CliEnvironment environment, List<SkippedInput> skipped)
    {
        var index = new KustomizationIndex();
        var repositories = new RepositoryFinder();
        var kept = new List<T>();
        foreach (var input in inputs)
        {
            var path = displayPath(input);
            if (path == SourceFile.StandardInputPath)
            {
                kept.Add(input);
                continue;
            }

            var fullPath = Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path));
            var stop = repositories.Repository(Path.GetDirectoryName(fullPath)!) ?? environment.WorkingDirectory;
            if (index.ListedBy(fullPath, stop) is { } kustomization)
                skipped.Add(new SkippedInput(path, null, KustomizePatches.SkipReason(InputCollector.DisplayPath(kustomization, environment.WorkingDirectory))));
            else
                kept.Add(input);
        }

        return kept;
    }
}
