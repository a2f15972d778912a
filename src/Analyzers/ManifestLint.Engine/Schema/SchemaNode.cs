namespace ManifestLint.Engine.Schema;

/// <summary>What the API server's decoder accepts at a field.</summary>
internal enum ValueKind
{
    Any,
    String,
    Int32,
    Int64,
    Bool,
    Number,
    Quantity,
    IntOrString,
    DateTime,
    Bytes,
    Object,
    Array,
    Map,
}

/// <summary>
/// One field's schema: a built-in type from the compiled schema (object properties resolved lazily by name) or a
/// structural schema from a CustomResourceDefinition (with its value constraints).
/// </summary>
internal sealed class SchemaNode
{
    public static readonly SchemaNode AnyValue = new(ValueKind.Any);

    public SchemaNode(ValueKind kind) => Kind = kind;

    public ValueKind Kind { get; }

    /// <summary>The built-in object type's name, e.g. <c>V1PodSpec</c>, whose properties <see cref="BuiltInSchema"/> knows.</summary>
    public string? TypeName { get; init; }

    /// <summary>List items or map values.</summary>
    public SchemaNode? Element { get; init; }

    /// <summary>An object's properties, for CRD schemas (built-in objects resolve theirs through <see cref="TypeName"/>).</summary>
    public IReadOnlyDictionary<string, SchemaNode>? Properties { get; init; }

    /// <summary>An object that keeps fields its schema does not name (x-kubernetes-preserve-unknown-fields).</summary>
    public bool PreserveUnknownFields { get; init; }

    /// <summary>The value constraints of a CRD schema; null for built-in types.</summary>
    public SchemaConstraints? Constraints { get; init; }

    public string Describe() => Kind switch
    {
        ValueKind.String => "a string",
        ValueKind.Int32 => "an integer (int32)",
        ValueKind.Int64 => "an integer (int64)",
        ValueKind.Bool => "a boolean",
        ValueKind.Number => "a number",
        ValueKind.Quantity => "a quantity such as 500m, 2 or 1Gi",
        ValueKind.IntOrString => "an integer or a string",
        ValueKind.DateTime => "an RFC 3339 date-time string",
        ValueKind.Bytes => "a base64 string",
        ValueKind.Object or ValueKind.Map => "a mapping",
        ValueKind.Array => "a list",
        _ => "any value",
    };
}

/// <summary>The value keywords of a CRD's structural schema that the validator checks.</summary>
internal sealed class SchemaConstraints
{
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>Allowed values as JSON-ish text (strings unquoted), compared with the decoded scalar's text.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    public System.Text.RegularExpressions.Regex? Pattern { get; init; }

    public string? PatternText { get; init; }

    public double? Minimum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public double? Maximum { get; init; }

    public bool ExclusiveMaximum { get; init; }

    public long? MinLength { get; init; }

    public long? MaxLength { get; init; }

    public long? MinItems { get; init; }

    public long? MaxItems { get; init; }

    public bool Nullable { get; init; }

    /// <summary>x-kubernetes-embedded-resource: the value is an object with apiVersion, kind and metadata.</summary>
    public bool EmbeddedResource { get; init; }

    public IReadOnlyList<SchemaNode> AllOf { get; init; } = [];

    public IReadOnlyList<SchemaNode> AnyOf { get; init; } = [];

    public IReadOnlyList<SchemaNode> OneOf { get; init; } = [];

    public SchemaNode? Not { get; init; }
}
