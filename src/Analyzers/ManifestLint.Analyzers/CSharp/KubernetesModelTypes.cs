using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ManifestLint.Analyzers.CSharp;

/// <summary>What the front end needs to know about a KubernetesClient type.</summary>
internal enum ModelShape
{
    None,
    Object,
    Dictionary,
    List,
    IntOrString,
    Quantity,
}

/// <summary>
/// The KubernetesClient model types of one compilation, recognised by namespace, type and attribute names only, so
/// any client version works. Lookups are cached: the same few dozen types come up in every object.
/// </summary>
internal sealed class KubernetesModelTypes
{
    private const string ModelNamespace = "k8s.Models";

    private readonly ConcurrentDictionary<ITypeSymbol, ModelShape> shapes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, (string ApiVersion, string Kind)?> entities = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IPropertySymbol, string> jsonNames = new(SymbolEqualityComparer.Default);

    /// <summary>True when the compilation can see KubernetesClient at all: the front end registers nothing otherwise.</summary>
    public static bool IsReferenced(Compilation compilation) =>
        compilation.GetTypeByMetadataName(ModelNamespace + ".KubernetesEntityAttribute") is not null;

    public ModelShape ShapeOf(ITypeSymbol? type)
    {
        if (type is null)
            return ModelShape.None;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            type = nullable.TypeArguments[0];
        return shapes.GetOrAdd(type, Classify);
    }

    /// <summary>The apiVersion and kind from <c>[KubernetesEntity]</c>, or null for a type that is not an entity.</summary>
    public (string ApiVersion, string Kind)? EntityOf(ITypeSymbol type) => entities.GetOrAdd(type, ReadEntity);

    /// <summary>The field name a property serializes to: its <c>[JsonPropertyName]</c>, else the camel-cased name.</summary>
    public string JsonNameOf(IPropertySymbol property) => jsonNames.GetOrAdd(property, ReadJsonName);

    private static ModelShape Classify(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol)
            return ModelShape.List;
        if (IsModel(type))
        {
            return type.Name switch
            {
                "IntOrString" => ModelShape.IntOrString,
                "ResourceQuantity" => ModelShape.Quantity,
                _ => type.TypeKind == TypeKind.Class ? ModelShape.Object : ModelShape.None,
            };
        }

        if (type.SpecialType == SpecialType.System_String)
            return ModelShape.None;
        var isList = false;
        foreach (var candidate in SelfAndInterfaces(type))
        {
            if (!candidate.IsGenericType || candidate.ContainingNamespace?.ToDisplayString() != "System.Collections.Generic")
                continue;
            if (candidate.Name is "IDictionary" or "IReadOnlyDictionary" or "Dictionary")
                return ModelShape.Dictionary;
            isList |= candidate.Name == "IEnumerable";
        }

        return isList ? ModelShape.List : ModelShape.None;
    }

    public static IEnumerable<INamedTypeSymbol> SelfAndInterfaces(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol named)
            yield return named;
        foreach (var implemented in type.AllInterfaces)
            yield return implemented;
    }

    private static bool IsModel(ITypeSymbol type) => type.ContainingNamespace?.ToDisplayString() == ModelNamespace;

    private static (string ApiVersion, string Kind)? ReadEntity(ITypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.Name != "KubernetesEntityAttribute")
                continue;
            string? group = null, version = null, kind = null;
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value.Value as string;
                switch (argument.Key)
                {
                    case "Group": group = value; break;
                    case "ApiVersion": version = value; break;
                    case "Kind": kind = value; break;
                }
            }

            if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(version))
                return null;
            return (string.IsNullOrEmpty(group) ? version! : $"{group}/{version}", kind!);
        }

        return null;
    }

    private static string ReadJsonName(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "JsonPropertyNameAttribute" && attribute.ConstructorArguments is [{ Value: string name }])
                return name;
        }

        var text = property.Name;
        return text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text.Substring(1);
    }
}
