using System.Collections.Concurrent;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Schema;

/// <summary>The schema of one custom resource kind and version, or why there is none.</summary>
/// <param name="Problem">Why a schema file was found but not used (unreadable, not JSON, not a structural schema).</param>
internal sealed record CustomResourceType(string ApiVersion, string Kind, SchemaNode? Schema, string Source, string? Problem = null);

/// <summary>
/// The custom resource kinds a run knows: CustomResourceDefinitions among the inputs and in the configuration's
/// <c>crds:</c> files, and JSON schemas in <c>--schema-location</c> folders laid out as the community CRD catalog
/// (<c>{group}/{kind lower-case}_{version}.json</c>). Safe to use from the parallel lint workers.
/// </summary>
internal sealed class CustomResourceCatalog
{
    public static readonly CustomResourceCatalog Empty = new();

    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), CustomResourceType> defined = new();
    private readonly ConcurrentDictionary<string, byte> definedGroups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ApiVersion, string Kind), CustomResourceType?> fromLocations = new();
    private readonly IReadOnlyList<string> schemaLocations;
    private readonly InputLimits limits;

    public CustomResourceCatalog(IReadOnlyList<string>? schemaLocations = null, InputLimits? limits = null)
    {
        this.schemaLocations = schemaLocations ?? [];
        this.limits = limits ?? InputLimits.Default;
    }

    /// <summary>How many kinds the inputs defined; a change means files linted earlier may see more now.</summary>
    public int DefinedCount => defined.Count;

    /// <summary>Adds the served versions of a CustomResourceDefinition; returns the problems of its schemas.</summary>
    public IReadOnlyList<CrdSchemaProblem> Define(ManifestMapping crd, string source)
    {
        var problems = new List<CrdSchemaProblem>();
        var spec = crd.Mapping("spec");
        var group = spec?.String("group");
        var kind = spec?.Mapping("names")?.String("kind");
        if (spec is null || group is null || kind is null)
            return problems;
        definedGroups.TryAdd(group, 0);
        var versions = spec.Sequence("versions")?.Items.OfType<ManifestMapping>().ToArray() ?? [];
        foreach (var version in versions)
        {
            if (version.String("name") is not { } name || version.Scalar("served") is { Value: "false" })
                continue;
            var schemaNode = version.Mapping("schema")?["openAPIV3Schema"] ?? spec.Mapping("validation")?["openAPIV3Schema"];
            SchemaNode? schema = null;
            if (schemaNode is not null)
            {
                var (parsed, schemaProblems) = CrdSchemaParser.Parse(schemaNode);
                schema = parsed;
                problems.AddRange(schemaProblems);
            }

            // A served version without a schema keeps any field, as the API server does for preserve-unknown-fields.
            defined[($"{group}/{name}", kind)] = new CustomResourceType($"{group}/{name}", kind, schema ?? new SchemaNode(ValueKind.Object) { PreserveUnknownFields = true }, source);
        }

        return problems;
    }

    /// <summary>The custom resource type of an apiVersion/kind, or null when nothing defines it.</summary>
    public CustomResourceType? Find(string apiVersion, string kind)
    {
        if (defined.TryGetValue((apiVersion, kind), out var type))
            return type;
        return schemaLocations.Count == 0 ? null : fromLocations.GetOrAdd((apiVersion, kind), key => ReadFromLocations(key.ApiVersion, key.Kind));
    }

    /// <summary>True when a CRD among the inputs or the configured files defines kinds of this group.</summary>
    public bool DefinesGroup(string group) => definedGroups.ContainsKey(group);

    /// <summary>The kinds defined for an apiVersion, for did-you-mean.</summary>
    public IEnumerable<string> KindsOf(string apiVersion) =>
        defined.Keys.Where(key => key.ApiVersion == apiVersion).Select(key => key.Kind);

    private CustomResourceType? ReadFromLocations(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        if (slash < 0)
            return null;
        var fileName = $"{kind.ToLowerInvariant()}_{apiVersion.Substring(slash + 1)}.json";
        foreach (var location in schemaLocations)
        {
            var path = Path.Combine(location, apiVersion.Substring(0, slash), fileName);
            if (FileIdentity.Of(path).Kind != FileKind.Regular)
                continue;
            return Read(apiVersion, kind, path);
        }

        return null;
    }

    private CustomResourceType Read(string apiVersion, string kind, string path)
    {
        SourceFile file;
        try
        {
            file = SourceReader.Read(path, path, limits);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new CustomResourceType(apiVersion, kind, null, path, $"cannot read {path}: {exception.Message}");
        }

        var content = file.ReadProblem is null ? YamlTreeReader.Read(file.Text, limits) : null;
        if ((file.ReadProblem ?? content!.Problems.FirstOrDefault()) is { } problem)
            return new CustomResourceType(apiVersion, kind, null, path, $"{path}:{problem.Start.Line}:{problem.Start.Column}: {problem.Message}");

        if (content!.Documents.Count != 1 || content.Documents[0] is not { } document)
            return new CustomResourceType(apiVersion, kind, null, path, $"{path} must hold one JSON schema");
        var (schema, problems) = CrdSchemaParser.Parse(document);
        return schema is not null
            ? new CustomResourceType(apiVersion, kind, schema, path)
            : new CustomResourceType(apiVersion, kind, null, path, $"{path}:{problems[0].Node.Start.Line}:{problems[0].Node.Start.Column}: {problems[0].Message}");
    }
}
