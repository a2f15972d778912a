using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Schema;

/// <summary>
/// Finds an object's schema by apiVersion and kind (built-in for the target version, or a custom resource the run
/// knows) and validates the object against it. Unknown or unserved apiVersion/kind pairs and custom resources
/// without a schema become problems of their own.
/// </summary>
internal static class ObjectSchemaCheck
{
    public const string UnknownKind = "ML8004";
    public const string CustomResourceWithoutSchema = "ML8006";
    public const string InvalidCrdSchema = "ML8007";

    public static IReadOnlyList<SchemaProblem> Run(RuleContext context)
    {
        var resource = context.Resource;
        var apiVersion = resource.ApiVersion;
        var kind = resource.Kind;
        var served = BuiltInSchema.ServedKindTable;
        var group = ServedKinds.GroupOf(apiVersion);
        var target = context.KubernetesVersion;

        if (served.Groups.Contains(group))
        {
            if (!served.IsServed(apiVersion, kind, target))
                return [NotServed(resource, target)];
            var schema = BuiltInSchema.ForKind(apiVersion, kind);
            if (schema is null)
                return [];
            var problems = SchemaValidator.Validate(resource.Root, schema);
            return kind == "CustomResourceDefinition" ? [.. problems, .. CrdProblems(resource)] : problems;
        }

        if (context.CustomResources.Find(apiVersion, kind) is { } custom)
        {
            if (custom.Schema is not null)
                return SchemaValidator.Validate(resource.Root, custom.Schema, isCustomResource: true);
            return custom.Problem is null ? [] : [new SchemaProblem(CustomResourceWithoutSchema, resource.KindNode, $"no usable schema for {apiVersion} {kind}: {custom.Problem}")];
        }

        // Each CRD defines one kind, so another kind of a known group may simply be defined elsewhere: only a near
        // miss of a kind the run knows is reported as an error.
        if (context.CustomResources.DefinesGroup(group) &&
            Spelling.Closest(kind, context.CustomResources.KindsOf(apiVersion)) is { Distance: > 0 and <= 2 } near)
        {
            context.MissedCustomResource = true;
            return [new SchemaProblem(UnknownKind, resource.KindNode, $"no CustomResourceDefinition of this run defines {apiVersion} {kind}; did you mean \"{near.Candidate}\"?")];
        }

        if (SchemaValidator.Suggest(group, served.Groups.Where(name => name.Length > 0)) is { } builtInGroup && !group.Contains(".") && builtInGroup.Length > 0)
        {
            var apiVersions = served.Pairs.Where(pair => pair.Kind == kind && ServedKinds.GroupOf(pair.ApiVersion) == builtInGroup && served.IsServed(pair.ApiVersion, kind, target)).Select(pair => pair.ApiVersion).ToArray();
            var hint = apiVersions.Length > 0 ? apiVersions[0] : builtInGroup;
            return [new SchemaProblem(UnknownKind, resource.ApiVersionNode, $"unknown API group \"{group}\" in apiVersion {apiVersion}; did you mean {hint}?")];
        }

        context.MissedCustomResource = true;
        return [new SchemaProblem(CustomResourceWithoutSchema, resource.KindNode, $"no schema for {apiVersion} {kind}: add its CustomResourceDefinition to the inputs, to crds: in .manifestlint.yaml, or a --schema-location folder")];
    }

    private static SchemaProblem NotServed(Resource resource, KubernetesVersion target)
    {
        var served = BuiltInSchema.ServedKindTable;
        var (apiVersion, kind) = (resource.ApiVersion, resource.Kind);
        if (served.ServedIn(apiVersion, kind) is { } versions)
            return new SchemaProblem(UnknownKind, resource.ApiVersionNode, $"{kind} {apiVersion} is not served by Kubernetes {target} (served in {versions})");

        var servedNow = served.Pairs.Where(pair => served.IsServed(pair.ApiVersion, pair.Kind, target)).ToArray();
        if (servedNow.Any(pair => pair.ApiVersion == apiVersion))
        {
            var suggestion = SchemaValidator.Suggest(kind, servedNow.Where(pair => pair.ApiVersion == apiVersion).Select(pair => pair.Kind));
            var otherApiVersion = servedNow.FirstOrDefault(pair => pair.Kind == kind).ApiVersion;
            var message = $"{apiVersion} has no kind \"{kind}\" in Kubernetes {target}";
            message += suggestion is not null ? $"; did you mean \"{suggestion}\"?" : otherApiVersion is not null ? $"; {kind} is served as {otherApiVersion}" : string.Empty;
            return new SchemaProblem(UnknownKind, suggestion is null && otherApiVersion is not null ? resource.ApiVersionNode : resource.KindNode, message);
        }

        var forKind = servedNow.Where(pair => pair.Kind == kind).Select(pair => pair.ApiVersion).ToArray();
        var apiSuggestion = SchemaValidator.Suggest(apiVersion, forKind.Length > 0 ? forKind : servedNow.Select(pair => pair.ApiVersion).Distinct());
        return new SchemaProblem(UnknownKind, resource.ApiVersionNode,
            $"Kubernetes {target} does not serve apiVersion {apiVersion}{(apiSuggestion is not null ? $"; did you mean {apiSuggestion}?" : forKind.Length > 0 ? $"; {kind} is served as {string.Join(" or ", forKind)}" : string.Empty)}");
    }

    private static IEnumerable<SchemaProblem> CrdProblems(Resource crd)
    {
        foreach (var version in crd.Spec?.Sequence("versions")?.Items.OfType<ManifestMapping>() ?? [])
        {
            if (version.Mapping("schema")?["openAPIV3Schema"] is not { } schema)
                continue;
            foreach (var problem in CrdSchemaParser.Parse(schema).Problems)
                yield return new SchemaProblem(InvalidCrdSchema, problem.Node, $"{problem.Node.PathFrom(crd.Root)}: {problem.Message}");
        }
    }
}
