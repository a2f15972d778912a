using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ManifestLint.Analyzers.CSharp;

/// <summary>
/// What marks a C# string as YAML: a <c>// language=yaml</c> comment before it, or a parameter, field or property
/// annotated <c>[StringSyntax("yaml")]</c> (any attribute of that name, any case of "yaml") that it is passed or
/// assigned to. Symbol answers are cached for the compilation: the same few parameters come up again and again.
/// </summary>
internal sealed class YamlMarkers
{
    private readonly ConcurrentDictionary<ISymbol, bool> annotated = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A cheap test on the source text before any semantic question: YAML worth linting has a mapping, so a colon,
    /// and a manifest is either several lines or names its kind. Most strings in a program (names, images, labels)
    /// fail it and cost nothing more.
    /// </summary>
    public static bool MayHoldManifest(ExpressionSyntax literal)
    {
        var text = literal is LiteralExpressionSyntax { Token: var token } ? token.Text : literal.ToString();
        return text.IndexOf(':') >= 0 &&
               (text.IndexOf('\n') >= 0 || text.IndexOf("\\n", StringComparison.Ordinal) >= 0 || text.IndexOf("kind", StringComparison.OrdinalIgnoreCase) >= 0);
    }

    public bool IsMarked(ExpressionSyntax literal, SemanticModel model, CancellationToken cancellationToken) =>
        HasLanguageComment(literal) || IsPassedToYamlTarget(literal, model, cancellationToken);

    // `// language=yaml` (any spacing or case) before the literal, or before the statement or member that holds it.
    public static bool HasLanguageComment(SyntaxNode literal)
    {
        for (SyntaxNode? node = literal; node is not null; node = node.Parent)
        {
            foreach (var trivia in node.GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    var comment = trivia.ToString().Replace(" ", string.Empty);
                    if (comment.IndexOf("language=yaml", StringComparison.OrdinalIgnoreCase) >= 0)
                        return true;
                }
            }

            if (node is StatementSyntax or MemberDeclarationSyntax or ArgumentSyntax)
                return false;
        }

        return false;
    }

    private bool IsPassedToYamlTarget(ExpressionSyntax literal, SemanticModel model, CancellationToken cancellationToken)
    {
        var target = literal.Parent switch
        {
            ArgumentSyntax argument => (model.GetOperation(argument, cancellationToken) as IArgumentOperation)?.Parameter,
            AssignmentExpressionSyntax assignment when assignment.Right == literal => model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator } => model.GetDeclaredSymbol(declarator, cancellationToken),
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => model.GetDeclaredSymbol(property, cancellationToken),
            _ => null,
        };
        return target is IParameterSymbol or IFieldSymbol or IPropertySymbol && annotated.GetOrAdd(target, IsAnnotatedYaml);
    }

    private static bool IsAnnotatedYaml(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "StringSyntaxAttribute" &&
                attribute.ConstructorArguments is [{ Value: string syntax }, ..] &&
                string.Equals(syntax, "yaml", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
