namespace ManifestLint.Engine.Loading;

/// <summary>Why an input, or a document in it, holds nothing to lint.</summary>
public sealed record SkippedInput(string Path, SourcePosition? Position, string Reason);

/// <summary>What one source file holds once read: its objects, comments, input problems and skipped documents.</summary>
public sealed record LoadedFile(
    SourceFile File,
    IReadOnlyList<Resource> Resources,
    IReadOnlyList<SourceComment> Comments,
    IReadOnlyList<LoadProblem> Problems,
    IReadOnlyList<SkippedInput> Skipped);

/// <summary>Turns source text into <see cref="Resource"/>s, expanding <c>kind: List</c> and skipping non-Kubernetes files.</summary>
public static class ManifestLoader
{
    // Files that sit beside manifests but are never Kubernetes objects.
    private static readonly HashSet<string> KnownNonManifestFileNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "kustomization.yaml", "kustomization.yml", "Kustomization", "Chart.yaml", "Chart.lock", "values.yaml",
        "values.yml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".manifestlint.yaml", ".manifestlint.yml",
        ".yamllint", ".yamllint.yaml", "docker-compose.yaml", "docker-compose.yml", "compose.yaml", "compose.yml",
    };

    public const string HelmTemplateNote = "Helm template, not YAML: lint the rendered output with `helm template … | manifestlint check -`";

    public static LoadedFile Load(SourceFile file)
    {
        var fileName = Path.GetFileName(file.Path);
        if (KnownNonManifestFileNames.Contains(fileName))
            return Skip(file, $"{fileName} is not a Kubernetes object");

        var content = YamlTreeReader.Read(file.Text);
        // `name: {{ .Release.Name }}` is valid YAML (a mapping used as a key), which no Kubernetes object has.
        if ((content.HasNonScalarKeys || content.Problems.Any(p => p.RuleId == "ML9001")) && LooksLikeHelmTemplate(file))
            return Skip(file, HelmTemplateNote);

        var resources = new List<Resource>();
        var skipped = new List<SkippedInput>();
        for (var index = 0; index < content.Documents.Count; index++)
        {
            var root = content.Documents[index];
            var start = index < content.DocumentStarts.Count ? content.DocumentStarts[index] : new SourcePosition(1, 1, 0);
            switch (root)
            {
                case null:
                case ManifestScalar { IsNull: true }:
                    break;
                case ManifestMapping mapping when AsResource(file, mapping) is { } resource:
                    if (IsList(resource))
                        AddListItems(file, resource, resources, skipped);
                    else
                        resources.Add(resource);
                    break;
                default:
                    skipped.Add(new SkippedInput(file.Path, start, "document has no apiVersion and kind"));
                    break;
            }
        }

        return new LoadedFile(file, resources, content.Comments, content.Problems, skipped);
    }

    private static LoadedFile Skip(SourceFile file, string reason) =>
        new(file, [], [], [], [new SkippedInput(file.Path, null, reason)]);

    private static bool LooksLikeHelmTemplate(SourceFile file) =>
        file.Text.Contains("{{") && file.Text.Contains("}}");

    internal static Resource? AsResource(SourceFile file, ManifestMapping mapping) =>
        mapping.Scalar("apiVersion") is { IsString: true, Value.Length: > 0 } apiVersion &&
        mapping.Scalar("kind") is { IsString: true, Value.Length: > 0 } kind
            ? new Resource(file, mapping, apiVersion, kind)
            : null;

    private static bool IsList(Resource resource) =>
        resource.Kind.EndsWith("List", StringComparison.Ordinal) && resource.Root.Sequence("items") is not null;

    private static void AddListItems(SourceFile file, Resource list, List<Resource> resources, List<SkippedInput> skipped)
    {
        foreach (var item in list.Root.Sequence("items")!.Items)
        {
            if (item is ManifestMapping mapping && AsResource(file, mapping) is { } resource)
                resources.Add(resource);
            else
                skipped.Add(new SkippedInput(file.Path, item.Start, $"item of {list.Kind} has no apiVersion and kind"));
        }
    }
}
