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
public readonly record struct ManifestEntry(ManifestScalar Key, ManifestNode Value);

/// <summary>A mapping whose entries keep their written order.</summary>
public sealed class ManifestMapping : ManifestNode
{
    // Past this many entries lookups go through a dictionary: CRD schemas and dashboards have mappings with
    // hundreds of keys, and the duplicate-key check looks every key up while the mapping is built.
    private const int IndexThreshold = 8;

    // An array and a count rather than a List: a mapping lives until its file's rules have run, and every object in
    // it is one more for each collection meanwhile to mark and move.
    private ManifestEntry[] entries = [];
    private int count;
    private Dictionary<string, int>? index;

    internal ManifestMapping(SourcePosition start, SourcePosition end)
        : base(start, end)
    {
    }

    public NodeList<ManifestEntry> Entries => new(entries, count);

    public ManifestNode? this[string key] => IndexOf(key) is var position and >= 0 ? entries[position].Value : null;

    public ManifestScalar? KeyNode(string key) => IndexOf(key) is var position and >= 0 ? entries[position].Key : null;

    public ManifestMapping? Mapping(string key) => this[key] as ManifestMapping;

    public ManifestSequence? Sequence(string key) => this[key] as ManifestSequence;

    /// <summary>The scalar at <paramref name="key"/>, or null when absent, null-valued or not a scalar.</summary>
    public ManifestScalar? Scalar(string key) => this[key] is ManifestScalar { IsNull: false } scalar ? scalar : null;

    public string? String(string key) => Scalar(key)?.Value;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    internal void Add(ManifestEntry entry)
    {
        entry.Value.Parent ??= this;
        entry.Value.KeyInParent ??= entry.Key.Value;
        entry.Key.Parent = this;
        entry.Key.KeyInParent = entry.Key.Value;
        NodeList<ManifestEntry>.Append(ref entries, ref count, entry);
        if (index is not null)
        {
            AddToIndex(count - 1);
        }
        else if (count > IndexThreshold)
        {
            index = new Dictionary<string, int>(count * 2, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
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

    private int IndexOf(string key)
    {
        if (index is not null)
            return index.TryGetValue(key, out var position) ? position : -1;
        // The hottest lookup of every rule: a plain loop over the array.
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(entries[i].Key.Value, key))
                return i;
        }

        return -1;
    }
}

/// <summary>A sequence of nodes.</summary>
public sealed class ManifestSequence : ManifestNode
{
    private ManifestNode[] items = [];
    private int count;

    internal ManifestSequence(SourcePosition start, SourcePosition end)
        : base(start, end)
    {
    }

    public NodeList<ManifestNode> Items => new(items, count);

    internal void Add(ManifestNode item)
    {
        if (item.Parent is null)
        {
            item.Parent = this;
            item.IndexInParent = count;
        }

        NodeList<ManifestNode>.Append(ref items, ref count, item);
    }
}

/// <summary>
/// The entries of a mapping or the items of a sequence, read-only; a foreach over them allocates nothing. The default
/// value (also what an empty collection expression makes) is empty.
/// </summary>
public readonly struct NodeList<T> : IReadOnlyList<T>
{
    private readonly T[]? items;

    internal NodeList(T[] items, int count)
    {
        this.items = items;
        Count = count;
    }

    public int Count { get; }

    public T this[int index] => (uint)index < (uint)Count ? items![index] : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(items, Count);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds <paramref name="item"/> to a growing array, doubling it when full.</summary>
    internal static void Append(ref T[] array, ref int count, T item)
    {
        if (count == array.Length)
            Array.Resize(ref array, Math.Max(4, array.Length * 2));
        array[count++] = item;
    }

    public struct Enumerator : IEnumerator<T>
    {
        private readonly T[]? items;
        private readonly int count;
        private int position;

        internal Enumerator(T[]? items, int count)
        {
            this.items = items;
            this.count = count;
            position = -1;
        }

        public readonly T Current => items![position];

        readonly object? System.Collections.IEnumerator.Current => Current;

        public bool MoveNext() => ++position < count;

        public void Reset() => position = -1;

        public readonly void Dispose()
        {
        }
    }
}
