using ManifestLint.Engine.Configuration;

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

    public static LoadedFile Load(SourceFile file, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        var fileName = Path.GetFileName(file.Path);
        if (KnownNonManifestFileNames.Contains(fileName))
            return Skip(file, $"{fileName} is not a Kubernetes object");
        if (file.ReadProblem is { } readProblem)
            return new LoadedFile(file, [], [], [readProblem], []);
        if (file.Text.Length > limits.MaxFileBytes)
            return new LoadedFile(file, [], [], [SourceReader.TooLarge(file.Text.Length, limits)], []);

        var content = YamlTreeReader.Read(file.Text, limits);
        // `name: {{ .Release.Name }}` is valid YAML (a mapping used as a key), which no Kubernetes object has.
        if ((content.HasNonScalarKeys || content.Problems.Any(p => p.RuleId == "ML9001")) && LooksLikeHelmTemplate(file))
            return Skip(file, HelmTemplateNote);

        var resources = new List<Resource>();
        var skipped = new List<SkippedInput>();
        var problems = new List<LoadProblem>(content.Problems);
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
                        AddListItems(file, resource, resources, skipped, problems);
                    else
                        resources.Add(resource);
                    break;
                case ManifestMapping mapping when IncompleteTypeMeta(mapping) is { } problem:
                    problems.Add(problem);
                    break;
                default:
                    skipped.Add(new SkippedInput(file.Path, start, "document has no apiVersion and kind"));
                    break;
            }
        }

        return new LoadedFile(file, resources, content.Comments, problems, skipped);
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

    public const string IncompleteTypeMetaRuleId = "ML8005";

    /// <summary>
    /// A document with one of apiVersion and kind but not the other, or with an empty or non-string one: kubectl
    /// refuses it. Documents with neither are not Kubernetes objects and stay skipped.
    /// </summary>
    private static LoadProblem? IncompleteTypeMeta(ManifestMapping mapping)
    {
        var apiVersionKey = mapping.KeyNode("apiVersion");
        var kindKey = mapping.KeyNode("kind");
        if (apiVersionKey is null && kindKey is null)
            return null;
        foreach (var (key, name, other) in new[] { (apiVersionKey, "apiVersion", "kind"), (kindKey, "kind", "apiVersion") })
        {
            if (key is null)
            {
                var present = apiVersionKey ?? kindKey!;
                return new LoadProblem(IncompleteTypeMetaRuleId, $"the document has {other} but no {name}; kubectl refuses it", present.Start, present.End);
            }

            if (mapping.Scalar(name) is not { IsString: true, Value.Length: > 0 })
            {
                var value = mapping[name]!;
                var at = value is ManifestScalar { IsNull: true } ? key : value;
                return new LoadProblem(IncompleteTypeMetaRuleId, $"{name} must be a non-empty string; kubectl refuses the document", at.Start, at.End);
            }
        }

        return null;
    }

    private static bool IsList(Resource resource) =>
        resource.Kind.EndsWith("List", StringComparison.Ordinal) && resource.Root.Sequence("items") is not null;

    private static void AddListItems(SourceFile file, Resource list, List<Resource> resources, List<SkippedInput> skipped, List<LoadProblem> problems)
    {
        foreach (var item in list.Root.Sequence("items")!.Items)
        {
            if (item is ManifestMapping mapping && AsResource(file, mapping) is { } resource)
                resources.Add(resource);
            else if (item is ManifestMapping partial && IncompleteTypeMeta(partial) is { } problem)
                problems.Add(problem);
            else
                skipped.Add(new SkippedInput(file.Path, item.Start, $"item of {list.Kind} has no apiVersion and kind"));
        }
    }
}
