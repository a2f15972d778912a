using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Schema;

/// <summary>A problem in a CRD's schema, at the node that holds it.</summary>
internal sealed record CrdSchemaProblem(ManifestNode Node, string Message);

/// <summary>
/// Turns a CRD's <c>openAPIV3Schema</c> (or a catalog file's JSON schema) into <see cref="SchemaNode"/>s. Structural
/// schemas only: <c>$ref</c> is refused, as the API server does; depth and size are bounded so a hostile or huge
/// CRD costs bounded time and memory. CEL rules (<c>x-kubernetes-validations</c>) are not evaluated.
/// </summary>
internal sealed class CrdSchemaParser
{
    private const int MaxDepth = 64;
    private const int MaxNodes = 50_000;

    private readonly List<CrdSchemaProblem> problems = [];
    private int nodes;

    // A CRD's schema is parsed when the run learns its kinds and again when the CRD itself is checked; the second
    // asks for the same node, and this remembers it only as long as the node lives.
    private static readonly ConditionalWeakTable<ManifestNode, Parsed> ParsedSchemas = new();

    public static (SchemaNode? Schema, IReadOnlyList<CrdSchemaProblem> Problems) Parse(ManifestNode schema)
    {
        var parsed = ParsedSchemas.GetValue(schema, node =>
        {
            var parser = new CrdSchemaParser();
            var root = parser.ParseNode(node, 0, isBranch: false);
            return new Parsed(parser.problems.Count == 0 ? root : null, parser.problems);
        });
        return (parsed.Schema, parsed.Problems);
    }

    private sealed record Parsed(SchemaNode? Schema, IReadOnlyList<CrdSchemaProblem> Problems);

    private SchemaNode ParseNode(ManifestNode node, int depth, bool isBranch)
    {
        if (node is not ManifestMapping mapping)
        {
            problems.Add(new CrdSchemaProblem(node, "a schema must be a mapping"));
            return SchemaNode.AnyValue;
        }

        if (++nodes > MaxNodes || depth > MaxDepth)
        {
            if (problems.Count == 0)
                problems.Add(new CrdSchemaProblem(mapping, $"the schema is deeper than {MaxDepth} levels or larger than {MaxNodes} schemas"));
            return SchemaNode.AnyValue;
        }

        if (mapping.KeyNode("$ref") is { } reference)
            problems.Add(new CrdSchemaProblem(reference, "$ref is not allowed in a CRD schema (structural schemas are self-contained)"));

        var type = mapping.String("type");
        var preserve = IsTrue(mapping, "x-kubernetes-preserve-unknown-fields");
        var constraints = Constraints(mapping, depth);
        if (IsTrue(mapping, "x-kubernetes-int-or-string"))
            return new SchemaNode(ValueKind.IntOrString) { Constraints = constraints };

        switch (type)
        {
            case "object":
            case null when mapping.ContainsKey("properties") || constraints.EmbeddedResource:
                return ParseObject(mapping, depth, preserve, isBranch, constraints);
            case "array":
                return new SchemaNode(ValueKind.Array)
                {
                    Element = mapping["items"] is { } items ? ParseNode(items, depth + 1, isBranch) : SchemaNode.AnyValue,
                    Constraints = constraints,
                };
            case "string":
                return new SchemaNode(mapping.String("format") switch
                {
                    "date-time" => ValueKind.DateTime,
                    "byte" => ValueKind.Bytes,
                    _ => ValueKind.String,
                }) { Constraints = constraints };
            case "integer":
                return new SchemaNode(mapping.String("format") == "int32" ? ValueKind.Int32 : ValueKind.Int64) { Constraints = constraints };
            case "number":
                return new SchemaNode(ValueKind.Number) { Constraints = constraints };
            case "boolean":
                return new SchemaNode(ValueKind.Bool) { Constraints = constraints };
            case null:
                return new SchemaNode(ValueKind.Any) { Constraints = constraints };
            default:
                problems.Add(new CrdSchemaProblem(mapping["type"]!, $"unknown type \"{type}\" (expected object, array, string, integer, number or boolean)"));
                return SchemaNode.AnyValue;
        }
    }

    private SchemaNode ParseObject(ManifestMapping mapping, int depth, bool preserve, bool isBranch, SchemaConstraints constraints)
    {
        Dictionary<string, SchemaNode>? properties = null;
        if (mapping.Mapping("properties") is { } declared)
        {
            properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            foreach (var entry in declared.Entries)
                properties[entry.Key.Value] = ParseNode(entry.Value, depth + 1, isBranch);
        }

        SchemaNode? additional = null;
        switch (mapping["additionalProperties"])
        {
            case ManifestMapping additionalSchema:
                additional = ParseNode(additionalSchema, depth + 1, isBranch);
                break;
            case ManifestScalar { Value: "true" }:
                additional = SchemaNode.AnyValue;
                break;
        }

        return new SchemaNode(additional is not null && properties is null ? ValueKind.Map : ValueKind.Object)
        {
            Properties = properties ?? (additional is null ? new Dictionary<string, SchemaNode>() : null),
            Element = additional,
            PreserveUnknownFields = preserve || isBranch,
            Constraints = constraints,
        };
    }

    private SchemaConstraints Constraints(ManifestMapping mapping, int depth)
    {
        Regex? pattern = null;
        var patternText = mapping.String("pattern");
        if (patternText is not null)
        {
            try
            {
                pattern = new Regex(patternText, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                problems.Add(new CrdSchemaProblem(mapping["pattern"]!, $"pattern \"{patternText}\" is not a valid regular expression"));
            }
        }

        return new SchemaConstraints
        {
            Required = mapping.Sequence("required")?.Items.OfType<ManifestScalar>().Select(item => item.Value).ToArray() ?? [],
            Enum = mapping.Sequence("enum")?.Items.OfType<ManifestScalar>().Select(item => item.Value).ToArray(),
            Pattern = pattern,
            PatternText = patternText,
            Minimum = Number(mapping, "minimum"),
            Maximum = Number(mapping, "maximum"),
            ExclusiveMinimum = IsTrue(mapping, "exclusiveMinimum"),
            ExclusiveMaximum = IsTrue(mapping, "exclusiveMaximum"),
            MinLength = (long?)Number(mapping, "minLength"),
            MaxLength = (long?)Number(mapping, "maxLength"),
            MinItems = (long?)Number(mapping, "minItems"),
            MaxItems = (long?)Number(mapping, "maxItems"),
            Nullable = IsTrue(mapping, "nullable"),
            EmbeddedResource = IsTrue(mapping, "x-kubernetes-embedded-resource"),
            AllOf = Branches(mapping, "allOf", depth),
            AnyOf = Branches(mapping, "anyOf", depth),
            OneOf = Branches(mapping, "oneOf", depth),
            Not = mapping["not"] is { } not ? ParseNode(not, depth + 1, isBranch: true) : null,
        };
    }

    // Branches of anyOf/oneOf/allOf/not only add value checks to the main schema: fields they do not name are not unknown.
    private SchemaNode[] Branches(ManifestMapping mapping, string keyword, int depth) =>
        mapping.Sequence(keyword)?.Items.Select(item => ParseNode(item, depth + 1, isBranch: true)).ToArray() ?? [];

    private static bool IsTrue(ManifestMapping mapping, string key) => mapping.Scalar(key) is { Value: "true" or "True" };

    private static double? Number(ManifestMapping mapping, string key) =>
        mapping.Scalar(key) is { } scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
