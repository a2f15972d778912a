using System.Globalization;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Schema;

/// <summary>The value keywords of a CRD's structural schema: required, enum, pattern, bounds, lengths and the logic keywords.</summary>
internal static class CustomResourceConstraints
{
    public static void Check(ManifestNode node, SchemaConstraints constraints, string path, Action<string, ManifestNode, string> add, Func<ManifestNode, SchemaNode, bool> satisfies)
    {
        switch (node)
        {
            case ManifestMapping mapping:
                foreach (var name in constraints.Required)
                {
                    if (mapping[name] is null or ManifestScalar { IsNull: true } && !(mapping.ContainsKey(name) && constraints.Nullable))
                        add(SchemaValidator.MissingRequiredField, KeyOrSelf(mapping), $"{path}: required field \"{name}\" is missing");
                }

                break;
            case ManifestSequence sequence:
                if (constraints.MinItems is { } minItems && sequence.Items.Count < minItems)
                    add(SchemaValidator.InvalidValue, sequence, $"{path}: has {sequence.Items.Count} items, at least {minItems} required");
                if (constraints.MaxItems is { } maxItems && sequence.Items.Count > maxItems)
                    add(SchemaValidator.InvalidValue, sequence, $"{path}: has {sequence.Items.Count} items, at most {maxItems} allowed");
                break;
            case ManifestScalar scalar:
                CheckScalar(scalar, constraints, path, add);
                break;
        }

        foreach (var branch in constraints.AllOf)
        {
            if (!satisfies(node, branch))
                add(SchemaValidator.InvalidValue, node, $"{path}: does not match every schema of allOf");
        }

        if (constraints.AnyOf.Count > 0 && !constraints.AnyOf.Any(branch => satisfies(node, branch)))
            add(SchemaValidator.InvalidValue, node, $"{path}: matches none of the schemas of anyOf");
        if (constraints.OneOf.Count > 0 && constraints.OneOf.Count(branch => satisfies(node, branch)) != 1)
            add(SchemaValidator.InvalidValue, node, $"{path}: must match exactly one schema of oneOf");
        if (constraints.Not is { } not && satisfies(node, not))
            add(SchemaValidator.InvalidValue, node, $"{path}: matches the schema under not");
    }

    private static ManifestNode KeyOrSelf(ManifestMapping mapping) =>
        mapping.Parent is ManifestMapping parent && mapping.KeyInParent is { } key && parent.KeyNode(key) is { } keyNode ? keyNode : mapping;

    private static void CheckScalar(ManifestScalar scalar, SchemaConstraints constraints, string path, Action<string, ManifestNode, string> add)
    {
        var type = DecodedScalar.Decode(scalar, out var number);
        if (type == DecodedType.Null)
            return;
        if (constraints.Enum is { Count: > 0 } allowed && !allowed.Contains(scalar.Value, StringComparer.Ordinal))
        {
            var suggestion = SchemaValidator.Suggest(scalar.Value, allowed);
            add(SchemaValidator.InvalidValue, scalar, $"{path}: \"{scalar.Value}\" is not one of {string.Join(", ", allowed.Take(12))}{(suggestion is null ? string.Empty : $"; did you mean \"{suggestion}\"?")}");
        }

        if (type == DecodedType.String)
        {
            var length = scalar.Value.Length;
            if (constraints.MinLength is { } minLength && length < minLength)
                add(SchemaValidator.InvalidValue, scalar, $"{path}: is {length} characters long, at least {minLength} required");
            if (constraints.MaxLength is { } maxLength && length > maxLength)
                add(SchemaValidator.InvalidValue, scalar, $"{path}: is {length} characters long, at most {maxLength} allowed");
            if (constraints.Pattern is { } pattern && !SafeMatch(pattern, scalar.Value))
                add(SchemaValidator.InvalidValue, scalar, $"{path}: \"{scalar.Value}\" does not match the pattern {constraints.PatternText}");
        }

        if (type is DecodedType.Int or DecodedType.Float)
        {
            if (constraints.Minimum is { } minimum && (number < minimum || (constraints.ExclusiveMinimum && number == minimum)))
                add(SchemaValidator.InvalidValue, scalar, $"{path}: {scalar.Value} is below the minimum {(constraints.ExclusiveMinimum ? "(exclusive) " : string.Empty)}{minimum.ToString(CultureInfo.InvariantCulture)}");
            if (constraints.Maximum is { } maximum && (number > maximum || (constraints.ExclusiveMaximum && number == maximum)))
                add(SchemaValidator.InvalidValue, scalar, $"{path}: {scalar.Value} is above the maximum {(constraints.ExclusiveMaximum ? "(exclusive) " : string.Empty)}{maximum.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    // A CRD's pattern runs with a time limit: a catastrophic pattern must not hang the run.
    private static bool SafeMatch(System.Text.RegularExpressions.Regex pattern, string value)
    {
        try
        {
            return pattern.IsMatch(value);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return true;
        }
    }
}
