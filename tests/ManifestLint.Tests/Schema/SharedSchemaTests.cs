using System.Text.Json;
using ManifestLint.Engine.Schema;

namespace ManifestLint.Tests.Schema;

/// <summary>The compiled schema against the upstream OpenAPI documents in ../shared/k8s-openapi.</summary>
[Trait("Data", "Shared")]
public sealed class SharedSchemaTests
{
    // Alpha fields of 1.36 that 1.37 dropped (absent from the 1.37 models).
    private static readonly HashSet<string> DroppedIn137 = ["nodeAllocatableResourceMappings", "nodeAllocatableResourceClaimStatuses[].resources"];

    private static string OpenApiDirectory => Path.Combine(TestSupport.SharedDirectory, "k8s-openapi");

    [SharedDataFact]
    public void Served_kinds_table_matches_the_generator_output()
    {
        var expected = SchemaGeneratorRunner.Run("served", OpenApiDirectory);
        var actual = File.ReadAllText(Path.Combine(SchemaGeneratorRunner.EngineSchemaDirectory, "served-kinds.txt"));
        Assert.True(expected == actual, $"Schema/served-kinds.txt is stale: regenerate it from the repository root with\n  {SchemaGeneratorRunner.RegenerateCommand}");
    }

    /// <summary>
    /// Every kind 1.36 serves has the same fields with the same types in the compiled (1.37) schema; fields 1.37
    /// added are the only extra ones.
    /// </summary>
    [SharedDataFact]
    public void Compiled_schema_has_the_fields_and_types_of_upstream_1_36()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OpenApiDirectory, "swagger-release-1.36.json")));
        var definitions = document.RootElement.GetProperty("definitions");
        var byGvk = new Dictionary<(string, string), string>();
        foreach (var definition in definitions.EnumerateObject())
        {
            if (!definition.Value.TryGetProperty("x-kubernetes-group-version-kind", out var gvks))
                continue;
            foreach (var gvk in gvks.EnumerateArray())
            {
                var group = gvk.GetProperty("group").GetString()!;
                var version = gvk.GetProperty("version").GetString()!;
                byGvk[(group.Length == 0 ? version : $"{group}/{version}", gvk.GetProperty("kind").GetString()!)] = definition.Name;
            }
        }

        var problems = new List<string>();
        var compared = new HashSet<string>(StringComparer.Ordinal);
        var checkedKinds = 0;
        foreach (var (apiVersion, kind) in BuiltInSchema.ServedKindTable.Pairs)
        {
            // Versions that 1.37 no longer serves have no compiled schema.
            if (!BuiltInSchema.ServedKindTable.IsServed(apiVersion, kind, new(1, 36)) || !BuiltInSchema.ServedKindTable.IsServed(apiVersion, kind, new(1, 37)) || !byGvk.TryGetValue((apiVersion, kind), out var definition))
                continue;
            var root = BuiltInSchema.ForKind(apiVersion, kind);
            if (root is null)
            {
                problems.Add($"{apiVersion} {kind}: no compiled schema");
                continue;
            }

            checkedKinds++;
            Compare(definitions, definition, root, $"{kind}", problems, compared);
        }

        Assert.True(checkedKinds > 80, $"only {checkedKinds} kinds compared");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(60)));
    }

    private static void Compare(JsonElement definitions, string definitionName, SchemaNode node, string path, List<string> problems, HashSet<string> compared)
    {
        if (!compared.Add(definitionName + "|" + node.TypeName))
            return;
        var definition = definitions.GetProperty(definitionName);
        if (!definition.TryGetProperty("properties", out var upstream))
            return;
        var ours = BuiltInSchema.PropertiesOf(node.TypeName!);
        foreach (var property in upstream.EnumerateObject())
        {
            if (!ours.TryGetValue(property.Name, out var field))
            {
                if (DroppedIn137.Contains(property.Name) || DroppedIn137.Any(dropped => (path + "." + property.Name).EndsWith(dropped, StringComparison.Ordinal)))
                    continue;
                problems.Add($"{path}.{property.Name}: missing");
                continue;
            }

            CompareField(definitions, property.Value, field, $"{path}.{property.Name}", problems, compared);
        }
    }

    private static void CompareField(JsonElement definitions, JsonElement upstream, SchemaNode field, string path, List<string> problems, HashSet<string> compared)
    {
        var expected = ExpectedKind(upstream, out var reference);
        // A definition without properties (FieldsV1, empty status structs) takes any value in the compiled schema.
        if (expected == ValueKind.Object && reference is not null && !definitions.GetProperty(reference).TryGetProperty("properties", out _))
            expected = ValueKind.Any;
        if (expected != field.Kind)
        {
            problems.Add($"{path}: upstream {expected}, compiled {field.Kind}");
            return;
        }

        if (expected == ValueKind.Object && reference is not null)
            Compare(definitions, reference, field, path, problems, compared);
        else if (expected is ValueKind.Array or ValueKind.Map)
            CompareField(definitions, expected == ValueKind.Array ? upstream.GetProperty("items") : upstream.GetProperty("additionalProperties"), field.Element!, path + "[]", problems, compared);
    }

    private static ValueKind ExpectedKind(JsonElement schema, out string? reference)
    {
        reference = null;
        if (schema.TryGetProperty("$ref", out var refElement))
        {
            reference = refElement.GetString()!.Substring("#/definitions/".Length);
            return reference switch
            {
                "io.k8s.apimachinery.pkg.util.intstr.IntOrString" => ValueKind.IntOrString,
                "io.k8s.apimachinery.pkg.api.resource.Quantity" => ValueKind.Quantity,
                "io.k8s.apimachinery.pkg.apis.meta.v1.Time" or "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime" => ValueKind.DateTime,
                "io.k8s.apimachinery.pkg.runtime.RawExtension" or "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON"
                    or "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray"
                    or "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool"
                    or "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray" => ValueKind.Any,
                _ => ValueKind.Object,
            };
        }

        var type = schema.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        var format = schema.TryGetProperty("format", out var formatElement) ? formatElement.GetString() : null;
        return type switch
        {
            "string" when format == "byte" => ValueKind.Bytes,
            "string" when format == "date-time" => ValueKind.DateTime,
            "string" => ValueKind.String,
            "integer" when format == "int64" => ValueKind.Int64,
            "integer" => ValueKind.Int32,
            "number" => ValueKind.Number,
            "boolean" => ValueKind.Bool,
            "array" => ValueKind.Array,
            "object" when schema.TryGetProperty("additionalProperties", out _) => ValueKind.Map,
            _ => ValueKind.Any,
        };
    }
}

/// <summary>The real CRD catalog and corpus in ../shared.</summary>
[Trait("Data", "Shared")]
public sealed class SharedCrdCatalogTests
{
    [SharedDataFact]
    public void Every_catalog_schema_parses_as_a_structural_schema()
    {
        var files = Directory.GetFiles(Path.Combine(TestSupport.SharedDirectory, "crds-catalog"), "*.json", SearchOption.AllDirectories);
        Assert.True(files.Length >= 100, $"only {files.Length} catalog files");
        var broken = new List<string>();
        foreach (var file in files)
        {
            var document = Yaml(File.ReadAllText(file));
            var (schema, problems) = CrdSchemaParser.Parse(document);
            if (schema is null)
                broken.Add($"{file}: {string.Join("; ", problems.Select(problem => problem.Message))}");
        }

        Assert.Empty(broken);
    }

    [SharedDataFact]
    public void Catalog_schemas_find_the_typo_of_the_issue()
    {
        var certificate = """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: web}
            spec:
              secretname: web-tls
              issuerRef: {name: letsencrypt}
              dnsNames: [example.com]
            """;
        var configuration = ManifestLint.Engine.Configuration.LintConfiguration.Default with { SchemaLocations = [Path.Combine(TestSupport.SharedDirectory, "crds-catalog")] };
        var findings = TestSupport.Lint(certificate, configuration).Where(finding => finding.Rule.Id.StartsWith("ML80", StringComparison.Ordinal)).ToArray();
        // The misspelt key is unknown, and the required secretName is then missing: the API server says both.
        Assert.Equal(["ML8001", "ML8008"], findings.Select(finding => finding.Rule.Id).Order().ToArray());
        Assert.Contains(findings, finding => finding.Message.Contains("did you mean \"secretName\"", StringComparison.Ordinal));
    }

    private static ManifestLint.Engine.Loading.ManifestNode Yaml(string text) =>
        ManifestLint.Engine.Loading.YamlTreeReader.Read(text).Documents[0]!;
}
