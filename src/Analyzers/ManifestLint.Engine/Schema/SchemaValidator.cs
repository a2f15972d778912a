using System.Globalization;
using System.Text.RegularExpressions;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Schema;

/// <summary>One schema problem: the rule it belongs to, the node, and the message.</summary>
internal sealed record SchemaProblem(string RuleId, ManifestNode Node, string Message);

/// <summary>
/// Walks an object's positioned nodes against a schema the way the API server decodes it: strict field validation
/// (unknown fields rejected, case-sensitive), JSON types after YAML resolution, int32/int64 ranges, quantities,
/// int-or-string, date-times and base64 bytes. Null is accepted everywhere (the field is then unset).
/// </summary>
internal sealed class SchemaValidator
{
    public const string UnknownField = "ML8001";
    public const string WrongType = "ML8002";
    public const string InvalidQuantity = "ML8003";
    public const string MissingRequiredField = "ML8008";
    public const string InvalidValue = "ML8009";

    // Bounds the walk when anchors and aliases make a small file a huge tree; far above any real object.
    private const int MaxVisits = 200_000;

    private static readonly Regex QuantityText = new(
        @"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant);

    private static readonly Regex DateTimeText = new(
        @"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant);

    private readonly ManifestNode root;
    private readonly List<SchemaProblem> problems = [];
    private readonly HashSet<(string, int)> reported = [];
    private int visits;

    private SchemaValidator(ManifestNode root) => this.root = root;

    /// <summary>Validates <paramref name="objectRoot"/> against <paramref name="schema"/>.</summary>
    public static IReadOnlyList<SchemaProblem> Validate(ManifestMapping objectRoot, SchemaNode schema, bool isCustomResource = false)
    {
        var validator = new SchemaValidator(objectRoot);
        validator.Visit(objectRoot, schema, isCustomResource ? ImplicitRootFields : null);
        return validator.problems;
    }

    // apiVersion, kind and metadata of a custom resource (and of an embedded resource) are known without the CRD saying so.
    private static readonly IReadOnlyDictionary<string, SchemaNode> ImplicitRootFields = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
    {
        ["apiVersion"] = new(ValueKind.String),
        ["kind"] = new(ValueKind.String),
        ["metadata"] = new(ValueKind.Object) { TypeName = "V1ObjectMeta" },
    };

    private string PathOf(ManifestNode node) => node.PathFrom(root) is { Length: > 0 } path ? path : "(root)";

    private void Add(string ruleId, ManifestNode node, string message)
    {
        if (reported.Add((ruleId, node.Start.Offset)))
            problems.Add(new SchemaProblem(ruleId, node, message));
    }

    private void Visit(ManifestNode node, SchemaNode schema, IReadOnlyDictionary<string, SchemaNode>? implicitFields = null)
    {
        if (++visits > MaxVisits)
            return;
        if (node is ManifestScalar { IsNull: true })
            return;
        switch (schema.Kind)
        {
            case ValueKind.Any:
                if (schema.Constraints is not null)
                    CheckConstraints(node, schema);
                return;
            case ValueKind.Object:
                if (node is ManifestMapping mapping)
                    VisitObject(mapping, schema, implicitFields);
                else
                    WrongKind(node, schema);
                break;
            case ValueKind.Map:
                if (node is ManifestMapping map)
                {
                    foreach (var entry in map.Entries)
                        Visit(entry.Value, schema.Element ?? SchemaNode.AnyValue);
                }
                else
                {
                    WrongKind(node, schema);
                }

                break;
            case ValueKind.Array:
                if (node is ManifestSequence sequence)
                {
                    foreach (var item in sequence.Items)
                        Visit(item, schema.Element ?? SchemaNode.AnyValue);
                }
                else
                {
                    WrongKind(node, schema);
                }

                break;
            default:
                if (node is ManifestScalar scalar)
                    VisitScalar(scalar, schema);
                else
                    WrongKind(node, schema);
                break;
        }

        if (schema.Constraints is not null)
            CheckConstraints(node, schema);
    }

    private void VisitObject(ManifestMapping mapping, SchemaNode schema, IReadOnlyDictionary<string, SchemaNode>? implicitFields)
    {
        var properties = schema.Properties ?? (schema.TypeName is { } typeName ? BuiltInSchema.PropertiesOf(typeName) : null);
        if (schema.Constraints?.EmbeddedResource == true)
            implicitFields = ImplicitRootFields;
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            // apiVersion, kind and metadata of a custom resource are the API server's, whatever the CRD says of them.
            if (implicitFields is not null && implicitFields.TryGetValue(key, out var implicitField))
            {
                Visit(entry.Value, implicitField);
            }
            else if (properties is not null && properties.TryGetValue(key, out var field))
            {
                Visit(entry.Value, field);
            }
            else if (schema.Element is { } additional)
            {
                Visit(entry.Value, additional);
            }
            else if (!schema.PreserveUnknownFields && properties is not null)
            {
                ReportUnknown(entry.Key, mapping, properties.Keys);
            }
        }
    }

    private void ReportUnknown(ManifestScalar key, ManifestMapping owner, IEnumerable<string> known)
    {
        var where = owner == root ? "at the top level" : $"in {PathOf(owner)}";
        var message = $"unknown field \"{key.Value}\" {where}";
        if (Suggest(key.Value, known) is { } suggestion)
            message += $"; did you mean \"{suggestion}\"?";
        Add(UnknownField, key, message);
    }

    /// <summary>The closest name when it is a plausible slip of <paramref name="value"/>.</summary>
    internal static string? Suggest(string value, IEnumerable<string> candidates) =>
        Spelling.Closest(value, candidates) is { } best && best.Distance <= Math.Max(1, Math.Min(3, value.Length / 3)) ? best.Candidate : null;

    private void WrongKind(ManifestNode node, SchemaNode schema)
    {
        var got = node switch
        {
            ManifestMapping => "a mapping",
            ManifestSequence => "a list",
            ManifestScalar scalar => DecodedScalar.Describe(DecodedScalar.TypeOf(scalar), scalar),
            _ => "a value",
        };
        var hint = schema.Kind == ValueKind.Array && node is ManifestScalar ? "; write it as a list, e.g. [\"sleep\", \"10\"] for a command" : string.Empty;
        Add(WrongType, node, $"{PathOf(node)}: expected {schema.Describe()}, got {got}{hint}");
    }

    private void VisitScalar(ManifestScalar scalar, SchemaNode schema)
    {
        var type = DecodedScalar.Decode(scalar, out var number);
        switch (schema.Kind)
        {
            case ValueKind.String:
                if (type != DecodedType.String)
                    Add(WrongType, scalar, $"{PathOf(scalar)}: expected a string, got {DecodedScalar.Describe(type, scalar)}; quote it: \"{scalar.Value}\"");
                break;
            case ValueKind.Int32:
                CheckInteger(scalar, schema, type, number, int.MinValue, int.MaxValue);
                break;
            case ValueKind.Int64:
                CheckInteger(scalar, schema, type, number, long.MinValue, long.MaxValue);
                break;
            case ValueKind.Number:
                if (type is not (DecodedType.Int or DecodedType.Float))
                    Add(WrongType, scalar, $"{PathOf(scalar)}: expected a number, got {DecodedScalar.Describe(type, scalar)}");
                break;
            case ValueKind.Bool:
                if (type != DecodedType.Bool)
                    Add(WrongType, scalar, $"{PathOf(scalar)}: expected a boolean (true or false), got {DecodedScalar.Describe(type, scalar)}");
                break;
            case ValueKind.IntOrString:
                if (type == DecodedType.String)
                    break;
                CheckInteger(scalar, schema, type, number, int.MinValue, int.MaxValue);
                break;
            case ValueKind.Quantity:
                if (type == DecodedType.Bool)
                    Add(WrongType, scalar, $"{PathOf(scalar)}: expected a quantity such as 500m, 2 or 1Gi, got {DecodedScalar.Describe(type, scalar)}");
                else if (type == DecodedType.String && !QuantityText.IsMatch(scalar.Value.Trim()))
                    Add(InvalidQuantity, scalar, $"{PathOf(scalar)}: \"{scalar.Value}\" is not a quantity; write a number with an optional suffix (m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei), such as 500m, 2 or 1Gi");
                break;
            case ValueKind.DateTime:
                if (type != DecodedType.String || !DateTimeText.IsMatch(scalar.Value))
                    Add(WrongType, scalar, $"{PathOf(scalar)}: expected an RFC 3339 date-time such as 2024-05-01T12:00:00Z, got {DecodedScalar.Describe(type, scalar)}");
                break;
            case ValueKind.Bytes:
                if (type != DecodedType.String || !IsBase64(scalar.Value))
                    Add(WrongType, scalar, $"{PathOf(scalar)}: expected base64-encoded data, got {DecodedScalar.Describe(type, scalar)}; put plain text under stringData instead");
                break;
        }
    }

    private void CheckInteger(ManifestScalar scalar, SchemaNode schema, DecodedType type, double number, double minimum, double maximum)
    {
        var expected = schema.Kind == ValueKind.IntOrString ? "an integer or a string" : schema.Describe();
        switch (type)
        {
            case DecodedType.String:
                var hint = double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "; remove the quotes" : string.Empty;
                Add(WrongType, scalar, $"{PathOf(scalar)}: expected {expected}, got {DecodedScalar.Describe(type, scalar)}{hint}");
                break;
            case DecodedType.Bool:
                Add(WrongType, scalar, $"{PathOf(scalar)}: expected {expected}, got {DecodedScalar.Describe(type, scalar)}");
                break;
            case DecodedType.Int or DecodedType.Float:
                if (Math.Floor(number) != number || double.IsInfinity(number) || double.IsNaN(number))
                    Add(WrongType, scalar, $"{PathOf(scalar)}: expected {expected}, got {DecodedScalar.Describe(type, scalar)}, which is not a whole number");
                else if (number < minimum || number > maximum)
                    Add(WrongType, scalar, $"{PathOf(scalar)}: {scalar.Value} does not fit in {(maximum == int.MaxValue ? "int32" : "int64")} (at most {maximum.ToString("0", CultureInfo.InvariantCulture)})");
                break;
        }
    }

    private static bool IsBase64(string text)
    {
        // Go's decoder skips line breaks and wants padding; .NET would also skip spaces and tabs.
        var compact = text.Replace("\r", string.Empty).Replace("\n", string.Empty);
        if (compact.Length % 4 != 0 || compact.IndexOf(' ') >= 0 || compact.IndexOf('\t') >= 0)
            return false;
        try
        {
            Convert.FromBase64String(compact);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void CheckConstraints(ManifestNode node, SchemaNode schema) =>
        CustomResourceConstraints.Check(node, schema.Constraints!, PathOf(node), (ruleId, at, message) => Add(ruleId, at, message), Satisfies);

    /// <summary>True when <paramref name="node"/> passes <paramref name="schema"/> (an anyOf/oneOf/allOf/not branch).</summary>
    private bool Satisfies(ManifestNode node, SchemaNode schema)
    {
        var branch = new SchemaValidator(root) { visits = visits };
        branch.Visit(node, schema);
        visits = branch.visits;
        return branch.problems.Count == 0;
    }
}
