using System.Collections.Concurrent;

namespace ManifestLint.Engine.Schema;

/// <summary>
/// The compiled schema of the built-in kinds (<c>kubernetes.schema</c>, generated from the KubernetesClient models)
/// and the table of served kinds per version (<c>served-kinds.txt</c>). Both are read on first use; an object type's
/// properties are parsed only when a manifest reaches it, so a one-file check pays for the kinds it meets.
/// </summary>
internal static class BuiltInSchema
{
    private static readonly Lazy<Index> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ServedKinds> Served = new(LoadServedKinds, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The Kubernetes version the compiled schema describes.</summary>
    public static readonly KubernetesVersion SchemaVersion = new(1, 37);

    /// <summary>The root schema of a built-in kind, or null when the models have no such apiVersion/kind.</summary>
    public static SchemaNode? ForKind(string apiVersion, string kind) =>
        Loaded.Value.Kinds.TryGetValue((apiVersion, kind), out var type) ? ObjectOf(type) : null;

    /// <summary>The properties of a built-in object type.</summary>
    public static IReadOnlyDictionary<string, SchemaNode> PropertiesOf(string typeName) => Loaded.Value.Properties(typeName);

    /// <summary>True when the built-in API has this group (the part of apiVersion before '/'; "" for the core group).</summary>
    public static bool IsBuiltInGroup(string group) => Served.Value.Groups.Contains(group);

    public static ServedKinds ServedKindTable => Served.Value;

    private static SchemaNode ObjectOf(string typeName) => new(ValueKind.Object) { TypeName = typeName };

    private static byte[] ReadResource(string name)
    {
        using var stream = typeof(BuiltInSchema).Assembly.GetManifestResourceStream("ManifestLint.Engine." + name)
            ?? throw new InvalidOperationException($"the engine lacks its embedded {name}");
        // One read of a known length: a StreamReader grows a builder block by block, a visible part of a one-file check.
        var bytes = new byte[stream.Length];
        var length = 0;
        int read;
        while (length < bytes.Length && (read = stream.Read(bytes, length, bytes.Length - length)) > 0)
            length += read;
        return bytes;
    }

    // The schema stays UTF-8: decoding all of it to a string, twice its size, was a visible part of a one-file check,
    // which reads a few of its types.
    private static Index Load() => new(ReadResource("kubernetes.schema"));

    private static ServedKinds LoadServedKinds() => new(System.Text.Encoding.UTF8.GetString(ReadResource("served-kinds.txt")));

    private sealed class Index
    {
        private readonly byte[] text;
        private readonly Dictionary<string, int> typeStarts = new(StringComparer.Ordinal);
        // Read by both lint workers for every object they validate, without taking a lock.
        private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, SchemaNode>> parsed = new(StringComparer.Ordinal);

        public Index(byte[] text)
        {
            this.text = text;
            var position = 0;
            while (position < text.Length)
            {
                var end = LineEnd(position);
                if (StartsWith(position, "kind "))
                {
                    var parts = Decode(position + 5, end).Split(' ');
                    Kinds[(parts[0], parts[1])] = parts[2];
                }
                else if (StartsWith(position, "type "))
                {
                    typeStarts[Decode(position + 5, end)] = end + 1;
                }

                position = end + 1;
            }
        }

        public Dictionary<(string ApiVersion, string Kind), string> Kinds { get; } = [];

        // Parsing a type twice when two workers meet it at once is harmless: both results are equal.
        public IReadOnlyDictionary<string, SchemaNode> Properties(string typeName) =>
            parsed.TryGetValue(typeName, out var properties) ? properties : parsed.GetOrAdd(typeName, Parse(typeName));

        private Dictionary<string, SchemaNode> Parse(string typeName)
        {
            var properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            if (!typeStarts.TryGetValue(typeName, out var position))
                return properties;
            while (position < text.Length && text[position] == (byte)' ')
            {
                var end = LineEnd(position);
                var separator = Array.IndexOf(text, (byte)' ', position + 1, end - position - 1);
                properties[Decode(position + 1, separator)] = ParseType(Decode(separator + 1, end));
                position = end + 1;
            }

            return properties;
        }

        private int LineEnd(int position)
        {
            var end = Array.IndexOf(text, (byte)'\n', position);
            return end < 0 ? text.Length : end;
        }

        private bool StartsWith(int position, string prefix)
        {
            if (position + prefix.Length > text.Length)
                return false;
            for (var index = 0; index < prefix.Length; index++)
            {
                if (text[position + index] != prefix[index])
                    return false;
            }

            return true;
        }

        private string Decode(int start, int end) => System.Text.Encoding.UTF8.GetString(text, start, end - start);

        private static SchemaNode ParseType(string type)
        {
            if (type.StartsWith("[]", StringComparison.Ordinal))
                return new SchemaNode(ValueKind.Array) { Element = ParseType(type.Substring(2)) };
            if (type.StartsWith("{}", StringComparison.Ordinal))
                return new SchemaNode(ValueKind.Map) { Element = ParseType(type.Substring(2)) };
            return type switch
            {
                "string" => new SchemaNode(ValueKind.String),
                "int32" => new SchemaNode(ValueKind.Int32),
                "int64" => new SchemaNode(ValueKind.Int64),
                "bool" => new SchemaNode(ValueKind.Bool),
                "number" => new SchemaNode(ValueKind.Number),
                "quantity" => new SchemaNode(ValueKind.Quantity),
                "int-or-string" => new SchemaNode(ValueKind.IntOrString),
                "date-time" => new SchemaNode(ValueKind.DateTime),
                "bytes" => new SchemaNode(ValueKind.Bytes),
                "any" => SchemaNode.AnyValue,
                _ => ObjectOf(type),
            };
        }
    }
}

/// <summary>Which apiVersion/kind pairs each Kubernetes minor version serves (1.29 to the schema's version).</summary>
internal sealed class ServedKinds
{
    private readonly Dictionary<(string ApiVersion, string Kind), List<(int From, int To)>> ranges = [];

    public ServedKinds(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var parts = line.Split(' ');
            var list = new List<(int, int)>();
            foreach (var range in parts[2].Split(','))
            {
                var bounds = range.Split('-');
                list.Add((MinorOf(bounds[0]), MinorOf(bounds[bounds.Length - 1])));
            }

            ranges[(parts[0], parts[1])] = list;
            Groups.Add(GroupOf(parts[0]));
            Kinds.Add(parts[1]);
            ApiVersions.Add(parts[0]);
        }
    }

    /// <summary>The oldest version the table knows.</summary>
    public const int OldestMinor = 29;

    public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Kinds { get; } = new(StringComparer.Ordinal);

    public HashSet<string> ApiVersions { get; } = new(StringComparer.Ordinal);

    public IEnumerable<(string ApiVersion, string Kind)> Pairs => ranges.Keys;

    /// <summary>True when <paramref name="version"/> serves the pair; versions outside the table use its nearest end.</summary>
    public bool IsServed(string apiVersion, string kind, KubernetesVersion version)
    {
        if (!ranges.TryGetValue((apiVersion, kind), out var list))
            return false;
        var minor = Math.Max(OldestMinor, Math.Min(version.Minor, BuiltInSchema.SchemaVersion.Minor));
        foreach (var (from, to) in list)
        {
            if (minor >= from && minor <= to)
                return true;
        }

        return false;
    }

    /// <summary>The versions that serve the pair, e.g. "1.29-1.33", or null when none does.</summary>
    public string? ServedIn(string apiVersion, string kind) =>
        ranges.TryGetValue((apiVersion, kind), out var list)
            ? string.Join(", ", list.Select(range => range.From == range.To ? $"1.{range.From}" : $"1.{range.From}-1.{range.To}"))
            : null;

    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? string.Empty : apiVersion.Substring(0, slash);
    }

    private static int MinorOf(string version) => int.Parse(version.Substring(version.IndexOf('.') + 1), System.Globalization.CultureInfo.InvariantCulture);
}
