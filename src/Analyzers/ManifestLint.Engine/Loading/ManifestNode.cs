namespace ManifestLint.Engine.Loading;

/// <summary>A 1-based line and column in a source file, plus the 0-based character offset.</summary>
public readonly record struct SourcePosition(int Line, int Column, int Offset)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A node of a YAML or JSON document that remembers where it was written.</summary>
public abstract class ManifestNode
{
    private protected ManifestNode(SourcePosition start, SourcePosition end)
    {
        Start = start;
        End = end;
    }

    public SourcePosition Start { get; }

    /// <summary>The position just after the node (exclusive), as SARIF regions expect.</summary>
    public SourcePosition End { get; internal set; }

    public ManifestNode? Parent { get; internal set; }

    /// <summary>The key under which this node sits in its parent mapping, if any.</summary>
    public string? KeyInParent { get; internal set; }

    /// <summary>The index of this node in its parent sequence, or -1.</summary>
    public int IndexInParent { get; internal set; } = -1;

    /// <summary>A dotted field path such as <c>spec.template.spec.containers[0].image</c>, relative to <paramref name="root"/>.</summary>
    public string PathFrom(ManifestNode root)
    {
        // Every finding has a path: the nodes are gathered upwards, then written downwards into one builder.
        var nodes = new List<ManifestNode>();
        for (var node = this; node is not null && node != root; node = node.Parent)
        {
            if (node.KeyInParent is not null || node.IndexInParent >= 0)
                nodes.Add(node);
        }

        var builder = new System.Text.StringBuilder();
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var node = nodes[i];
            if (node.KeyInParent is { } key)
            {
                // An empty key (also what a non-scalar key is read as) shows as [""] so the path stays readable.
                if (key.Length == 0)
                {
                    builder.Append("[\"\"]");
                    continue;
                }

                if (builder.Length > 0 && key[0] != '[')
                    builder.Append('.');
                builder.Append(key);
            }
            else
            {
                builder.Append('[').Append(node.IndexInParent).Append(']');
            }
        }

        return builder.ToString();
    }
}

/// <summary>A scalar as written: its text, whether it was quoted, and where.</summary>
public sealed class ManifestScalar : ManifestNode
{
    internal ManifestScalar(string value, bool isPlain, SourcePosition start, SourcePosition end)
        : base(start, end)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }

    /// <summary>
    /// True for a scalar that resolves like an unquoted one, to a number, boolean or null when it reads as one: an
    /// unquoted, non-block scalar without a tag, or any scalar with an explicit <c>!!int</c>, <c>!!float</c>,
    /// <c>!!bool</c> or <c>!!null</c> tag. <c>!!str 1</c> is not plain: the decoder sees the string "1".
    /// </summary>
    public bool IsPlain { get; }

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool IsBoolean => IsPlain && Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    /// <summary>Reads a plain integer the way the Kubernetes YAML decoder does (decimal, optional sign).</summary>
    public bool TryGetInteger(out long value)
    {
        value = 0;
        return IsPlain && IsIntegerText(Value) && long.TryParse(Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True for a plain scalar that is a number but not an integer (<c>1.5</c>, <c>1e3</c>).</summary>
    public bool IsNonIntegerNumber =>
        IsPlain && !IsIntegerText(Value) &&
        double.TryParse(Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>True when the value decodes as a string (quoted, or plain text that is not a number, boolean or null).</summary>
    public bool IsString => !IsPlain || (!IsNull && !IsBoolean && !IsIntegerText(Value) && !IsNonIntegerNumber);

    private static bool IsIntegerText(string text)
    {
        var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (start == text.Length)
            return false;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9')
                return false;
        }

        return true;
    }

    public override string ToString() => Value;
}

/// <summary>A key and its value in a mapping.</summary>
public sealed record ManifestEntry(ManifestScalar Key, ManifestNode Value);

/// <summary>A mapping whose entries keep their written order.</summary>
public sealed class ManifestMapping : ManifestNode
{
    // Past this many entries lookups go through a dictionary: CRD schemas and dashboards have mappings with
    // hundreds of keys, and the duplicate-key check looks every key up while the mapping is built.
    private const int IndexThreshold = 8;

    private readonly List<ManifestEntry> entries = [];
    private Dictionary<string, int>? index;

    internal ManifestMapping(SourcePosition start, SourcePosition end)
        : base(start, end)
    {
    }

    public NodeList<ManifestEntry> Entries => new(entries);

    public ManifestNode? this[string key] => Find(key)?.Value;

    public ManifestScalar? KeyNode(string key) => Find(key)?.Key;

    public ManifestMapping? Mapping(string key) => this[key] as ManifestMapping;

    public ManifestSequence? Sequence(string key) => this[key] as ManifestSequence;

    /// <summary>The scalar at <paramref name="key"/>, or null when absent, null-valued or not a scalar.</summary>
    public ManifestScalar? Scalar(string key) => this[key] is ManifestScalar { IsNull: false } scalar ? scalar : null;

    public string? String(string key) => Scalar(key)?.Value;

    public bool ContainsKey(string key) => Find(key) is not null;

    internal void Add(ManifestEntry entry)
    {
        entry.Value.Parent ??= this;
        entry.Value.KeyInParent ??= entry.Key.Value;
        entry.Key.Parent = this;
        entry.Key.KeyInParent = entry.Key.Value;
        entries.Add(entry);
        if (index is not null)
        {
            AddToIndex(entries.Count - 1);
        }
        else if (entries.Count > IndexThreshold)
        {
            index = new Dictionary<string, int>(entries.Count * 2, StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
                AddToIndex(i);
        }
    }

    // The first entry with a key wins, as in the linear search.
    private void AddToIndex(int position)
    {
        var key = entries[position].Key.Value;
        if (!index!.ContainsKey(key))
            index[key] = position;
    }

    private ManifestEntry? Find(string key)
    {
        if (index is not null)
            return index.TryGetValue(key, out var position) ? entries[position] : null;
        // An indexed loop: the hottest lookup of every rule, and a List enumerator costs a call per entry here.
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (string.Equals(entry.Key.Value, key))
                return entry;
        }

        return null;
    }
}

/// <summary>A sequence of nodes.</summary>
public sealed class ManifestSequence : ManifestNode
{
    private readonly List<ManifestNode> items = [];

    internal ManifestSequence(SourcePosition start, SourcePosition end)
        : base(start, end)
    {
    }

    public NodeList<ManifestNode> Items => new(items);

    internal void Add(ManifestNode item)
    {
        if (item.Parent is null)
        {
            item.Parent = this;
            item.IndexInParent = items.Count;
        }

        items.Add(item);
    }
}

/// <summary>
/// The entries of a mapping or the items of a sequence, read-only; a foreach over them allocates nothing. The default
/// value (also what an empty collection expression makes) is empty.
/// </summary>
public readonly struct NodeList<T> : IReadOnlyList<T>
{
    private static readonly List<T> None = [];
    private readonly List<T>? items;

    internal NodeList(List<T> items) => this.items = items;

    public int Count => Items.Count;

    public T this[int index] => Items[index];

    private List<T> Items => items ?? None;

    public List<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => Items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => Items.GetEnumerator();
}
