using System.Collections.Immutable;
using ManifestLint.Engine;

namespace ManifestLint.Analyzers;

/// <summary>
/// How a diagnostic carries the engine's <see cref="FindingFix"/> to the code fix provider: in
/// <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>, the only channel from an analyzer to a fix.
/// </summary>
internal static class FixProperties
{
    public const string Kind = "ManifestLint.FixKind";
    public const string Value = "ManifestLint.FixValue";
    public const string Title = "ManifestLint.FixTitle";
    public const string IsNumber = "ManifestLint.FixIsNumber";

    /// <summary>Set when the diagnostic is inside YAML held in a string literal rather than on a C# object.</summary>
    public const string InYamlString = "ManifestLint.InYamlString";

    internal static ImmutableDictionary<string, string?>? Of(FindingFix? fix, bool inYamlString)
    {
        if (fix is null)
            return null;
        var properties = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        properties[Kind] = fix.Kind.ToString();
        properties[Value] = fix.Value;
        properties[Title] = fix.Title;
        if (fix.IsNumber)
            properties[IsNumber] = "true";
        if (inYamlString)
            properties[InYamlString] = "true";
        return properties.ToImmutable();
    }

    /// <summary>The fix a diagnostic carries, or null.</summary>
    public static FindingFix? From(ImmutableDictionary<string, string?> properties) =>
        properties.TryGetValue(Kind, out var kind) && Enum.TryParse<FixKind>(kind, out var fixKind) &&
        properties.TryGetValue(Value, out var value) && value is not null &&
        properties.TryGetValue(Title, out var title) && title is not null
            ? new FindingFix(fixKind, value, title, properties.ContainsKey(IsNumber))
            : null;
}
