using System.Globalization;
using System.Text;

namespace ManifestLint.Engine.Simulation;

/// <summary>A 128-bit content digest: two values are equal exactly when their digests are.</summary>
public readonly record struct ContentDigest(ulong High, ulong Low)
{
    /// <summary>The first <paramref name="length"/> hex digits, for display.</summary>
    public string ToHex(int length = 32) => (High.ToString("x16", CultureInfo.InvariantCulture) + Low.ToString("x16", CultureInfo.InvariantCulture)).Substring(0, length);
}

public enum CanonicalScalarKind
{
    String,
    Integer,
    Number,
    Boolean,
    Quantity,
}

/// <summary>
/// A value as the API server stores it: decoded (types, not spelling), keys sorted, zero values and nulls dropped,
/// defaults filled in. Aliased YAML nodes stay shared here, so a value is never expanded; its digest covers the
/// whole value and is computed once per node.
/// </summary>
public abstract class CanonicalValue
{
    private protected CanonicalValue(ContentDigest digest) => Digest = digest;

    public ContentDigest Digest { get; }

    /// <summary>A short YAML-like rendering, cut at <paramref name="maxLength"/> characters.</summary>
    public string Render(int maxLength)
    {
        var builder = new StringBuilder();
        Render(builder, maxLength);
        return builder.Length > maxLength ? builder.ToString(0, maxLength - 1) + "…" : builder.ToString();
    }

    internal abstract void Render(StringBuilder builder, int maxLength);
}

public sealed class CanonicalScalar : CanonicalValue
{
    internal CanonicalScalar(CanonicalScalarKind kind, string text, ContentDigest digest)
        : base(digest)
    {
        Kind = kind;
        Text = text;
    }

    public CanonicalScalarKind Kind { get; }

    public string Text { get; }

    internal override void Render(StringBuilder builder, int maxLength) =>
        builder.Append(Kind == CanonicalScalarKind.String && NeedsQuotes(Text) ? "\"" + Text.Replace("\"", "\\\"") + "\"" : Text);

    // Quoted when plain YAML would read it as something else or could not hold it.
    private static bool NeedsQuotes(string text) =>
        text.Length == 0 || text.Trim() != text || "-?:,[]{}#&*!|>'\"%@`".IndexOf(text[0]) >= 0 ||
        text.Contains(": ") || text.Contains(" #") || text.Any(char.IsControl) ||
        CanonicalBuilder.Decode(text) is not (CanonicalScalarKind.String, _);
}

public sealed class CanonicalMapping : CanonicalValue
{
    private readonly Dictionary<string, CanonicalValue> index;

    internal CanonicalMapping(List<KeyValuePair<string, CanonicalValue>> sortedEntries, ContentDigest digest)
        : base(digest)
    {
        Entries = sortedEntries;
        index = new Dictionary<string, CanonicalValue>(sortedEntries.Count, StringComparer.Ordinal);
        foreach (var entry in sortedEntries)
            index[entry.Key] = entry.Value;
    }

    /// <summary>Entries in ordinal key order.</summary>
    public IReadOnlyList<KeyValuePair<string, CanonicalValue>> Entries { get; }

    public CanonicalValue? this[string key] => index.TryGetValue(key, out var value) ? value : null;

    internal override void Render(StringBuilder builder, int maxLength)
    {
        builder.Append('{');
        for (var i = 0; i < Entries.Count && builder.Length <= maxLength; i++)
        {
            if (i > 0)
                builder.Append(", ");
            builder.Append(Entries[i].Key).Append(": ");
            Entries[i].Value.Render(builder, maxLength);
        }

        builder.Append('}');
    }
}

public sealed class CanonicalSequence : CanonicalValue
{
    internal CanonicalSequence(List<CanonicalValue> items, ContentDigest digest)
        : base(digest) => Items = items;

    public IReadOnlyList<CanonicalValue> Items { get; }

    internal override void Render(StringBuilder builder, int maxLength)
    {
        builder.Append('[');
        for (var i = 0; i < Items.Count && builder.Length <= maxLength; i++)
        {
            if (i > 0)
                builder.Append(", ");
            Items[i].Render(builder, maxLength);
        }

        builder.Append(']');
    }
}
