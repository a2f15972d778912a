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

        var keywords = new Keywords(mapping);
        if (keywords.Reference is { } reference)
            problems.Add(new CrdSchemaProblem(reference.Key, "$ref is not allowed in a CRD schema (structural schemas are self-contained)"));

        var type = Text(keywords.Type);
        var preserve = IsTrue(keywords.PreserveUnknownFields);
        var constraints = keywords.HasConstraints ? Constraints(keywords, depth) : null;
        if (IsTrue(keywords.IntOrString))
            return new SchemaNode(ValueKind.IntOrString) { Constraints = constraints };

        switch (type)
        {
            case "object":
            case null when keywords.Properties is not null || constraints?.EmbeddedResource == true:
                return ParseObject(keywords, depth, preserve, isBranch, constraints);
            case "array":
                return new SchemaNode(ValueKind.Array)
                {
                    Element = keywords.Items is { } items ? ParseNode(items.Value, depth + 1, isBranch) : SchemaNode.AnyValue,
                    Constraints = constraints,
                };
            case "string":
                return new SchemaNode(Text(keywords.Format) switch
                {
                    "date-time" => ValueKind.DateTime,
                    "byte" => ValueKind.Bytes,
                    _ => ValueKind.String,
                }) { Constraints = constraints };
            case "integer":
                return new SchemaNode(Text(keywords.Format) == "int32" ? ValueKind.Int32 : ValueKind.Int64) { Constraints = constraints };
            case "number":
                return new SchemaNode(ValueKind.Number) { Constraints = constraints };
            case "boolean":
                return new SchemaNode(ValueKind.Bool) { Constraints = constraints };
            case null:
                return new SchemaNode(ValueKind.Any) { Constraints = constraints };
            default:
                problems.Add(new CrdSchemaProblem(keywords.Type?.Value!, $"unknown type \"{type}\" (expected object, array, string, integer, number or boolean)"));
                return SchemaNode.AnyValue;
        }
    }

    private SchemaNode ParseObject(in Keywords keywords, int depth, bool preserve, bool isBranch, SchemaConstraints? constraints)
    {
        Dictionary<string, SchemaNode>? properties = null;
        if (keywords.Properties?.Value is ManifestMapping declared)
        {
            properties = new Dictionary<string, SchemaNode>(declared.Entries.Count, StringComparer.Ordinal);
            foreach (var entry in declared.Entries)
                properties[entry.Key.Value] = ParseNode(entry.Value, depth + 1, isBranch);
        }

        SchemaNode? additional = null;
        switch (keywords.AdditionalProperties?.Value)
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

    private SchemaConstraints Constraints(in Keywords keywords, int depth)
    {
        Regex? pattern = null;
        var patternText = Text(keywords.Pattern);
        if (patternText is not null)
        {
            try
            {
                pattern = new Regex(patternText, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                problems.Add(new CrdSchemaProblem(keywords.Pattern?.Value!, $"pattern \"{patternText}\" is not a valid regular expression"));
            }
        }

        return new SchemaConstraints
        {
            Required = (keywords.Required?.Value as ManifestSequence)?.Items.OfType<ManifestScalar>().Select(item => item.Value).ToArray() ?? [],
            Enum = (keywords.Enum?.Value as ManifestSequence)?.Items.OfType<ManifestScalar>().Select(item => item.Value).ToArray(),
            Pattern = pattern,
            PatternText = patternText,
            Minimum = Number(keywords.Minimum),
            Maximum = Number(keywords.Maximum),
            ExclusiveMinimum = IsTrue(keywords.ExclusiveMinimum),
            ExclusiveMaximum = IsTrue(keywords.ExclusiveMaximum),
            MinLength = (long?)Number(keywords.MinLength),
            MaxLength = (long?)Number(keywords.MaxLength),
            MinItems = (long?)Number(keywords.MinItems),
            MaxItems = (long?)Number(keywords.MaxItems),
            Nullable = IsTrue(keywords.Nullable),
            EmbeddedResource = IsTrue(keywords.EmbeddedResource),
            AllOf = Branches(keywords.AllOf, depth),
            AnyOf = Branches(keywords.AnyOf, depth),
            OneOf = Branches(keywords.OneOf, depth),
            Not = keywords.Not is { } not ? ParseNode(not.Value, depth + 1, isBranch: true) : null,
        };
    }

    // Branches of anyOf/oneOf/allOf/not only add value checks to the main schema: fields they do not name are not unknown.
    private SchemaNode[] Branches(ManifestEntry? keyword, int depth) =>
        (keyword?.Value as ManifestSequence)?.Items.Select(item => ParseNode(item, depth + 1, isBranch: true)).ToArray() ?? [];

    private static string? Text(ManifestEntry? entry) => entry?.Value is ManifestScalar { IsNull: false } scalar ? scalar.Value : null;

    private static bool IsTrue(ManifestEntry? entry) => Text(entry) is "true" or "True";

    private static double? Number(ManifestEntry? entry) =>
        Text(entry) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// The keywords of one schema, read in one pass over its entries: a schema has a few entries, and the parser asks
    /// for some twenty keywords, which as lookups took a tenth of a check of a corpus with large CRDs. (A mapping's
    /// keys are unique: the loader reports a repeated key and keeps the first.)
    /// </summary>
    private readonly struct Keywords
    {
        public readonly ManifestEntry? Type, Format, Reference, Properties, Items, AdditionalProperties, PreserveUnknownFields, IntOrString;
        public readonly ManifestEntry? Required, Enum, Pattern, Minimum, Maximum, ExclusiveMinimum, ExclusiveMaximum;
        public readonly ManifestEntry? MinLength, MaxLength, MinItems, MaxItems, Nullable, EmbeddedResource, AllOf, AnyOf, OneOf, Not;

        public Keywords(ManifestMapping mapping)
        {
            var entries = mapping.Entries;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                switch (entry.Key.Value)
                {
                    case "type": Type = entry; break;
                    case "format": Format = entry; break;
                    case "$ref": Reference = entry; break;
                    case "properties": Properties = entry; break;
                    case "items": Items = entry; break;
                    case "additionalProperties": AdditionalProperties = entry; break;
                    case "x-kubernetes-preserve-unknown-fields": PreserveUnknownFields = entry; break;
                    case "x-kubernetes-int-or-string": IntOrString = entry; break;
                    case "required": Required = entry; break;
                    case "enum": Enum = entry; break;
                    case "pattern": Pattern = entry; break;
                    case "minimum": Minimum = entry; break;
                    case "maximum": Maximum = entry; break;
                    case "exclusiveMinimum": ExclusiveMinimum = entry; break;
                    case "exclusiveMaximum": ExclusiveMaximum = entry; break;
                    case "minLength": MinLength = entry; break;
                    case "maxLength": MaxLength = entry; break;
                    case "minItems": MinItems = entry; break;
                    case "maxItems": MaxItems = entry; break;
                    case "nullable": Nullable = entry; break;
                    case "x-kubernetes-embedded-resource": EmbeddedResource = entry; break;
                    case "allOf": AllOf = entry; break;
                    case "anyOf": AnyOf = entry; break;
                    case "oneOf": OneOf = entry; break;
                    case "not": Not = entry; break;
                }
            }
        }

        /// <summary>Whether the schema has any value keyword; most have none, and then carry no constraints at all.</summary>
        public bool HasConstraints =>
            (Required ?? Enum ?? Pattern ?? Minimum ?? Maximum ?? ExclusiveMinimum ?? ExclusiveMaximum ?? MinLength ?? MaxLength ??
             MinItems ?? MaxItems ?? Nullable ?? EmbeddedResource ?? AllOf ?? AnyOf ?? OneOf ?? Not) is not null;
    }
}
