using System.Globalization;
using ManifestLint.Engine.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Analyzers.CSharp;

/// <summary>A value the code computes at run time: a field at <paramref name="Path"/>, or some items of the list or map there.</summary>
/// <param name="Path">Field path from the object's root, as findings carry it; empty for the whole object.</param>
/// <param name="ItemsOnly">True when the list or map at <paramref name="Path"/> is known but some of its items are not.</param>
internal readonly record struct UnknownValue(string Path, bool ItemsOnly);

/// <summary>
/// Turns a C# object-creation tree of KubernetesClient models into the engine's positioned nodes: each scalar sits at
/// the expression that holds it, each key at the property name. What is not a compile-time constant is left out
/// of the tree and recorded as unknown, so rules never judge a value the code only knows at run time.
/// </summary>
internal sealed class ObjectTreeReader
{
    private readonly SemanticModel model;
    private readonly KubernetesModelTypes types;
    private readonly SourceText text;
    private readonly CancellationToken cancellationToken;
    private readonly List<(ManifestNode Container, string? Key)> unknowns = [];

    public ObjectTreeReader(SemanticModel model, KubernetesModelTypes types, CancellationToken cancellationToken)
    {
        this.model = model;
        this.types = types;
        this.cancellationToken = cancellationToken;
        text = model.SyntaxTree.GetText(cancellationToken);
    }

    /// <summary>The mapping of a model object created by <paramref name="creation"/> of type <paramref name="type"/>.</summary>
    public ManifestMapping ReadObject(BaseObjectCreationExpressionSyntax creation, ITypeSymbol type)
    {
        var (start, end) = Head(creation);
        var mapping = ManifestTree.Mapping(start, end);
        if (creation.ArgumentList is { Arguments.Count: > 0 } arguments)
            ReadConstructorArguments(mapping, type, creation, arguments);
        if (creation.Initializer is { } initializer)
            ReadObjectInitializer(mapping, initializer, type);
        return mapping;
    }

    /// <summary>The unknowns recorded so far, as paths from <paramref name="root"/>.</summary>
    public IReadOnlyList<UnknownValue> UnknownsFrom(ManifestNode root)
    {
        var result = new List<UnknownValue>(unknowns.Count);
        foreach (var (container, key) in unknowns)
        {
            var path = container.PathFrom(root);
            result.Add(key is null ? new UnknownValue(path, ItemsOnly: true) : new UnknownValue(path.Length == 0 ? key : $"{path}.{key}", ItemsOnly: false));
        }

        return result;
    }

    /// <summary>The 1-based position of a character offset in this tree.</summary>
    public SourcePosition PositionAt(int offset)
    {
        var line = text.Lines.GetLinePosition(offset);
        return new SourcePosition(line.Line + 1, line.Character + 1, offset);
    }

    /// <summary>The <c>new Type</c> or <c>new()</c> part: where findings about a whole object point.</summary>
    public (SourcePosition Start, SourcePosition End) Head(ExpressionSyntax expression)
    {
        var span = expression switch
        {
            ObjectCreationExpressionSyntax creation => TextSpan.FromBounds(creation.NewKeyword.SpanStart, creation.Type.Span.End),
            ImplicitObjectCreationExpressionSyntax creation => TextSpan.FromBounds(creation.NewKeyword.SpanStart, creation.ArgumentList.Span.End),
            ArrayCreationExpressionSyntax creation => TextSpan.FromBounds(creation.NewKeyword.SpanStart, creation.Type.Span.End),
            ImplicitArrayCreationExpressionSyntax creation => TextSpan.FromBounds(creation.NewKeyword.SpanStart, creation.CloseBracketToken.Span.End),
            _ => expression.Span,
        };
        return Positions(span);
    }

    private (SourcePosition Start, SourcePosition End) Positions(TextSpan span) => (PositionAt(span.Start), PositionAt(span.End));

    private void ReadConstructorArguments(ManifestMapping mapping, ITypeSymbol type, BaseObjectCreationExpressionSyntax creation, ArgumentListSyntax arguments)
    {
        var constructor = model.GetSymbolInfo(creation, cancellationToken).Symbol as IMethodSymbol;
        for (var index = 0; index < arguments.Arguments.Count; index++)
        {
            var argument = arguments.Arguments[index];
            var parameter = argument.NameColon is { } nameColon
                ? constructor?.Parameters.FirstOrDefault(candidate => candidate.Name == nameColon.Name.Identifier.ValueText)
                : constructor is not null && index < constructor.Parameters.Length ? constructor.Parameters[index] : null;
            // Model constructors take one parameter per property, named after it.
            var property = parameter is null ? null : FindProperty(type, parameter.Name);
            if (property is null)
                unknowns.Add((mapping, null));
            else
                AddField(mapping, property, (SyntaxNode?)argument.NameColon?.Name ?? argument.Expression, argument.Expression);
        }
    }

    private static IPropertySymbol? PropertyNamed(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol property)
                    return property;
            }
        }

        return null;
    }

    private static IPropertySymbol? FindProperty(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol property && string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                    return property;
            }
        }

        return null;
    }

    private void ReadObjectInitializer(ManifestMapping mapping, InitializerExpressionSyntax initializer, ITypeSymbol type)
    {
        foreach (var expression in initializer.Expressions)
        {
            // The property by name on the type being built: what the compiler binds `Name = …` to, without asking it.
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } assignment &&
                assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) &&
                (PropertyNamed(type, name.Identifier.ValueText) ?? model.GetSymbolInfo(name, cancellationToken).Symbol) is IPropertySymbol property)
            {
                AddField(mapping, property, name, assignment.Right);
            }
            else
            {
                unknowns.Add((mapping, null));
            }
        }
    }

    private void AddField(ManifestMapping mapping, IPropertySymbol property, SyntaxNode keySyntax, ExpressionSyntax valueSyntax)
    {
        var name = types.JsonNameOf(property);
        var value = ReadValue(valueSyntax, property.Type, out var isUnknown);
        if (isUnknown)
        {
            unknowns.Add((mapping, name));
            return;
        }

        if (value is null)
            return;
        var (start, end) = Positions(keySyntax.Span);
        ManifestTree.Add(mapping, ManifestTree.Scalar(name, isPlain: true, start, end), value);
    }

    /// <summary>The node of a value, or null when it is absent (a null constant) or <paramref name="isUnknown"/>.</summary>
    private ManifestNode? ReadValue(ExpressionSyntax expression, ITypeSymbol? targetType, out bool isUnknown)
    {
        isUnknown = false;
        while (expression is ParenthesizedExpressionSyntax parenthesized)
            expression = parenthesized.Expression;

        if (expression is InitializerExpressionSyntax nested)
            return ReadNestedInitializer(nested, targetType, out isUnknown);

        var constant = ConstantOf(expression);
        if (constant.HasValue)
            return ConstantScalar(constant.Value, expression.Span, types.ShapeOf(targetType));

        switch (expression)
        {
            case BaseObjectCreationExpressionSyntax creation:
                return ReadCreation(creation, targetType, out isUnknown);
            case ArrayCreationExpressionSyntax { Initializer: { } initializer } array:
                return ReadSequence(array, initializer.Expressions, ElementType(model.GetTypeInfo(array, cancellationToken).Type));
            case ImplicitArrayCreationExpressionSyntax array:
                return ReadSequence(array, array.Initializer.Expressions, ElementType(model.GetTypeInfo(array, cancellationToken).Type));
            case CollectionExpressionSyntax collection:
                return ReadCollectionExpression(collection, targetType);
            default:
                isUnknown = true;
                return null;
        }
    }

    /// <summary>
    /// The compile-time value of <paramref name="expression"/>. Literals are read from their token and creations
    /// and collections are never constants: the semantic model is asked only about the rest (names, operators).
    /// </summary>
    private Optional<object?> ConstantOf(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when !literal.IsKind(SyntaxKind.DefaultLiteralExpression) => new Optional<object?>(literal.Token.Value),
        BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax => default,
        _ => model.GetConstantValue(expression, cancellationToken),
    };

    /// <param name="targetType">The type of the property or item the creation is assigned to; a target-typed <c>new()</c> has that type.</param>
    private ManifestNode? ReadCreation(BaseObjectCreationExpressionSyntax creation, ITypeSymbol? targetType, out bool isUnknown)
    {
        isUnknown = false;
        var type = creation is ImplicitObjectCreationExpressionSyntax && WithoutNullable(targetType) is { } target
            ? target
            : model.GetTypeInfo(creation, cancellationToken).Type;
        var shape = types.ShapeOf(type);
        var hasArguments = creation.ArgumentList is { Arguments.Count: > 0 };
        switch (shape)
        {
            case ModelShape.Object:
                return ReadObject(creation, type!);
            case ModelShape.IntOrString or ModelShape.Quantity when creation.ArgumentList is { Arguments: [var only] } &&
                                                                     model.GetConstantValue(only.Expression, cancellationToken) is { HasValue: true } constant:
                return ConstantScalar(constant.Value, only.Expression.Span, shape);
            case ModelShape.Dictionary:
            {
                var (start, end) = Head(creation);
                var mapping = ManifestTree.Mapping(start, end);
                if (hasArguments)
                    unknowns.Add((mapping, null));
                if (creation.Initializer is { } initializer)
                    ReadDictionaryEntries(mapping, initializer, DictionaryValueType(type!));
                return mapping;
            }

            case ModelShape.List:
            {
                var sequence = ReadSequence(creation, creation.Initializer?.Expressions ?? default, ElementType(type));
                if (hasArguments)
                    unknowns.Add((sequence, null));
                return sequence;
            }

            default:
                isUnknown = true;
                return null;
        }
    }

    // `Metadata = { Name = "web" }` and `Labels = { ["app"] = "web" }`: initializers of a property's existing value.
    private ManifestNode? ReadNestedInitializer(InitializerExpressionSyntax initializer, ITypeSymbol? type, out bool isUnknown)
    {
        isUnknown = false;
        var (start, end) = Positions(initializer.Span);
        switch (types.ShapeOf(type))
        {
            case ModelShape.Object:
                var mapping = ManifestTree.Mapping(start, end);
                ReadObjectInitializer(mapping, initializer, WithoutNullable(type)!);
                return mapping;
            case ModelShape.Dictionary:
                var dictionary = ManifestTree.Mapping(start, end);
                ReadDictionaryEntries(dictionary, initializer, DictionaryValueType(type!));
                return dictionary;
            case ModelShape.List:
                return ReadSequence(initializer, initializer.Expressions, ElementType(type));
            default:
                isUnknown = true;
                return null;
        }
    }

    private void ReadDictionaryEntries(ManifestMapping mapping, InitializerExpressionSyntax initializer, ITypeSymbol? valueType)
    {
        foreach (var expression in initializer.Expressions)
        {
            ExpressionSyntax? keySyntax = null, valueSyntax = null;
            switch (expression)
            {
                case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax { ArgumentList.Arguments: [var key] } } assignment:
                    (keySyntax, valueSyntax) = (key.Expression, assignment.Right);
                    break;
                case InitializerExpressionSyntax { Expressions: [var key, var entryValue] } complex when complex.IsKind(SyntaxKind.ComplexElementInitializerExpression):
                    (keySyntax, valueSyntax) = (key, entryValue);
                    break;
            }

            if (keySyntax is null || valueSyntax is null || model.GetConstantValue(keySyntax, cancellationToken) is not { HasValue: true, Value: string keyText })
            {
                unknowns.Add((mapping, null));
                continue;
            }

            var value = ReadValue(valueSyntax, valueType, out var isUnknown);
            if (isUnknown)
            {
                unknowns.Add((mapping, keyText));
                continue;
            }

            var (start, end) = Positions(keySyntax.Span);
            var (valueStart, valueEnd) = Positions(valueSyntax.Span);
            ManifestTree.Add(mapping, ManifestTree.Scalar(keyText, isPlain: false, start, end), value ?? ManifestTree.Scalar("null", isPlain: true, valueStart, valueEnd));
        }
    }

    private ManifestSequence ReadSequence(ExpressionSyntax owner, SeparatedSyntaxList<ExpressionSyntax> items, ITypeSymbol? elementType)
    {
        var (start, end) = Head(owner);
        var sequence = ManifestTree.Sequence(start, end);
        foreach (var item in items)
            AddItem(sequence, item, elementType);
        return sequence;
    }

    private ManifestNode? ReadCollectionExpression(CollectionExpressionSyntax collection, ITypeSymbol? targetType)
    {
        var type = targetType ?? model.GetTypeInfo(collection, cancellationToken).ConvertedType;
        var (start, end) = Positions(collection.Span);
        var sequence = ManifestTree.Sequence(start, end);
        var elementType = ElementType(type);
        foreach (var element in collection.Elements)
        {
            if (element is ExpressionElementSyntax { Expression: var item })
                AddItem(sequence, item, elementType);
            else
                unknowns.Add((sequence, null));
        }

        return sequence;
    }

    private void AddItem(ManifestSequence sequence, ExpressionSyntax item, ITypeSymbol? elementType)
    {
        var value = ReadValue(item, elementType, out var isUnknown);
        if (isUnknown)
        {
            unknowns.Add((sequence, null));
            return;
        }

        var (start, end) = Positions(item.Span);
        ManifestTree.Add(sequence, value ?? ManifestTree.Scalar("null", isPlain: true, start, end));
    }

    private ManifestScalar? ConstantScalar(object? value, TextSpan span, ModelShape shape)
    {
        var (start, end) = Positions(span);
        return value switch
        {
            null => null,
            // IntOrString sends a numeric string as a number, as KubernetesYaml.Serialize shows.
            string digits when shape == ModelShape.IntOrString && IsInteger(digits) => ManifestTree.Scalar(digits, isPlain: true, start, end),
            string or char => ManifestTree.Scalar(Convert.ToString(value, CultureInfo.InvariantCulture)!, isPlain: false, start, end),
            bool flag => ManifestTree.Scalar(flag ? "true" : "false", isPlain: true, start, end),
            IFormattable number => ManifestTree.Scalar(number.ToString(null, CultureInfo.InvariantCulture), isPlain: true, start, end),
            _ => null,
        };
    }

    private static bool IsInteger(string text) => text.Length > 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static ITypeSymbol? WithoutNullable(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static ITypeSymbol? ElementType(ITypeSymbol? type)
    {
        if (type is IArrayTypeSymbol array)
            return array.ElementType;
        if (type is null)
            return null;
        foreach (var candidate in KubernetesModelTypes.SelfAndInterfaces(type))
        {
            if (candidate is { Name: "IEnumerable", TypeArguments: [var element] })
                return element;
        }

        return null;
    }

    private static ITypeSymbol? DictionaryValueType(ITypeSymbol type)
    {
        foreach (var candidate in KubernetesModelTypes.SelfAndInterfaces(type))
        {
            if (candidate is { Name: "IDictionary" or "IReadOnlyDictionary" or "Dictionary", TypeArguments: [_, var value] })
                return value;
        }

        return null;
    }
}
