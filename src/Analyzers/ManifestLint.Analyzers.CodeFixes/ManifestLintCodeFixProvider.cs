using System.Collections.Immutable;
using System.Composition;
using ManifestLint.Analyzers;
using ManifestLint.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Analyzers.CodeFixes;

/// <summary>
/// Applies the change a ManifestLint finding carries (<see cref="FindingFix"/>) to the C# that holds the value: the
/// string or number literal on a KubernetesClient object, the characters of YAML inside a string literal, or a copy
/// of the list item (a toleration) beside it. Fix-all works per document, project and solution.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ManifestLintCodeFixProvider))]
[Shared]
public sealed class ManifestLintCodeFixProvider : CodeFixProvider
{
    // Any rule may carry a fix: the diagnostic's properties say whether this one does.
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        RuleCatalog.Descriptors.Select(rule => rule.Id).ToImmutableArray();

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return;
        SemanticModel? model = null;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (FixProperties.From(diagnostic.Properties) is not { } fix)
                continue;
            var span = diagnostic.Location.SourceSpan;
            TextChange? change;
            if (diagnostic.Properties.ContainsKey(FixProperties.InYamlString))
            {
                change = InYamlString(root, span, fix);
            }
            else if (root.FindNode(span, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal && literal.Span == span)
            {
                model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                change = fix.Kind switch
                {
                    FixKind.ReplaceValue => ReplaceLiteral(literal, fix, model, cancellationToken),
                    FixKind.AddItemCopy => AddItemCopy(literal, fix, text),
                    _ => null,
                };
            }
            else
            {
                // A const, an interpolation or any other expression: what to change is the author's call.
                change = null;
            }

            if (change is not { } textChange)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(fix.Title, token => ApplyAsync(document, textChange, token), equivalenceKey: "ManifestLint." + diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, TextChange change, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(change));
    }

    private static TextChange? ReplaceLiteral(LiteralExpressionSyntax literal, FindingFix fix, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (!fix.IsNumber)
            return literal.IsKind(SyntaxKind.StringLiteralExpression) ? new TextChange(literal.Span, Quoted(fix.Value)) : null;
        // A number goes where an int or IntOrString is expected; where the code wants a string, a quoted "1" would
        // mean something else to the API server, so no fix is offered there.
        var target = model?.GetTypeInfo(literal, cancellationToken).ConvertedType;
        return target is null || target.SpecialType == SpecialType.System_String ? null : new TextChange(literal.Span, fix.Value);
    }

    /// <summary>
    /// The toleration (or any list item) around <paramref name="literal"/> is copied just before itself, with the
    /// literal replaced: one item per line stays one per line, items on one line stay on one line.
    /// </summary>
    private static TextChange? AddItemCopy(LiteralExpressionSyntax literal, FindingFix fix, SourceText text)
    {
        if (literal.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is not { } item)
            return null;
        SyntaxNode listItem = item.Parent is ExpressionElementSyntax element ? element : item;
        if (listItem.Parent is not (InitializerExpressionSyntax or CollectionExpressionSyntax))
            return null;

        var itemText = text.ToString(listItem.Span);
        var offset = literal.SpanStart - listItem.SpanStart;
        var copy = itemText.Substring(0, offset) + Quoted(fix.Value) + itemText.Substring(offset + literal.Span.Length);

        var line = text.Lines.GetLineFromPosition(listItem.SpanStart);
        var indentation = text.ToString(TextSpan.FromBounds(line.Start, listItem.SpanStart));
        var separator = indentation.Trim().Length == 0 && line.LineNumber > 0
            ? LineBreakBefore(text, line.LineNumber) + indentation
            : " ";
        return new TextChange(new TextSpan(listItem.SpanStart, 0), copy + "," + separator);
    }

    /// <summary>
    /// YAML inside a string literal: the scalar's characters are replaced as they are written, which is safe only for
    /// a value that needs no quoting or escaping in YAML or in any kind of C# string (a plain name or number).
    /// </summary>
    private static TextChange? InYamlString(SyntaxNode root, TextSpan span, FindingFix fix)
    {
        if (fix.Kind != FixKind.ReplaceValue || !fix.Value.All(character => char.IsLetterOrDigit(character) || character is '.' or '-' or '/' or '_'))
            return null;
        var token = root.FindToken(span.Start);
        var inLiteral = token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken or
            SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.InterpolatedStringTextToken;
        return inLiteral && token.Span.Contains(span) ? new TextChange(span, fix.Value) : null;
    }

    private static string Quoted(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string LineBreakBefore(SourceText text, int lineNumber)
    {
        var previous = text.Lines[lineNumber - 1];
        return text.ToString(TextSpan.FromBounds(previous.End, previous.EndIncludingLineBreak));
    }
}
