using System.Collections.Immutable;
using ManifestLint.Analyzers.CSharp;
using ManifestLint.Engine;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Rules.Input;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Analyzers;

/// <summary>
/// Lints Kubernetes objects built in C# with the KubernetesClient models (<c>new V1Deployment { … }</c>) and YAML held
/// in C# string literals, and reports the engine's findings at the C# expressions and characters that hold the
/// values. It never throws: a failure on one object or string is reported as ML9000 on it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KubernetesObjectAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Rules that judge a lone container, toleration or pod spec on its own fields, by the type built.</summary>
    private static readonly Dictionary<string, Func<string, bool>> LoneObjectRules = new(StringComparer.Ordinal)
    {
        ["V1Container"] = id => id.StartsWith("ML4", StringComparison.Ordinal) || id is "ML5008" or "ML5009",
        ["V1Toleration"] = id => id is "ML3001" or "ML3002" or "ML3003" or "ML3004" or "ML3005" or "ML3006" or "ML3010",
        ["V1PodSpec"] = id => id.StartsWith("ML4", StringComparison.Ordinal) || id is "ML5008" or "ML5009" ||
                              (id.StartsWith("ML3", StringComparison.Ordinal) && id != "ML3008"),
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ManifestDiagnostics.All;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        try
        {
            if (AnalysisSession.CodeConfiguration(context.Options, context.Compilation, context.CancellationToken) is not { } configuration)
                return;
            var linter = new Linter(configuration);
            var markers = new YamlMarkers();
            context.RegisterSyntaxNodeAction(
                nodeContext => AnalyzeMarkedYaml(nodeContext, linter, markers),
                SyntaxKind.StringLiteralExpression,
                SyntaxKind.InterpolatedStringExpression);
            if (!KubernetesModelTypes.IsReferenced(context.Compilation))
                return;
            var types = new KubernetesModelTypes();
            context.RegisterSyntaxNodeAction(
                nodeContext => AnalyzeCreation(nodeContext, linter, types),
                SyntaxKind.ObjectCreationExpression,
                SyntaxKind.ImplicitObjectCreationExpression);
            context.RegisterSyntaxNodeAction(nodeContext => AnalyzeYamlCall(nodeContext, linter, markers), SyntaxKind.InvocationExpression);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Reporting nothing beats an AD0001 that silently disables every rule.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void AnalyzeCreation(SyntaxNodeAnalysisContext context, Linter linter, KubernetesModelTypes types)
    {
        var creation = (BaseObjectCreationExpressionSyntax)context.Node;
        if (creation is ObjectCreationExpressionSyntax { Type: var typeSyntax } && !LooksLikeModelName(typeSyntax))
            return;
        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        if (IsInsideModelObject(creation, model, types, cancellationToken))
            return;
        try
        {
            if (model.GetTypeInfo(creation, cancellationToken).Type is not { } type || types.ShapeOf(type) != ModelShape.Object)
                return;
            var entity = types.EntityOf(type);
            LoneObjectRules.TryGetValue(type.Name, out var loneRules);
            if (entity is null && loneRules is null)
                return;

            var reader = new ObjectTreeReader(model, types, cancellationToken);
            var written = reader.ReadObject(creation, type);
            var head = reader.Head(creation);
            var root = entity is { } identity ? WithIdentity(written, identity, head) : PodAround(written, type.Name, head);
            var unknowns = IsChangedLater(creation) ? [new UnknownValue(string.Empty, ItemsOnly: false)] : reader.UnknownsFrom(root);

            var file = new SourceFile(model.SyntaxTree.FilePath, string.Empty);
            if (ManifestTree.AsResource(file, root) is not { } resource)
                return;
            foreach (var finding in linter.Check(ManifestTree.Loaded(file, [resource])))
            {
                if (!finding.Rule.RunsOnCSharpObjects || (loneRules is not null && !loneRules(finding.Rule.Id)) || UnknownValueFilter.DependsOnUnknown(finding, unknowns))
                    continue;
                Report(context, finding.Rule.Id, finding.Level, TextSpan.FromBounds(finding.Start.Offset, Math.Max(finding.Start.Offset, finding.End.Offset)), finding.Message, FixProperties.Of(finding.Fix, inYamlString: false));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One object's failure is reported on it and must not stop the analysis (AD0001).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ReportFailure(context, linter, new TextSpan(creation.SpanStart, 3), "object", exception);
        }
    }

    /// <summary>YAML in a string literal passed to <c>KubernetesYaml.Deserialize</c>, <c>LoadFromString</c> or <c>LoadAllFromString</c>.</summary>
    private static void AnalyzeYamlCall(SyntaxNodeAnalysisContext context, Linter linter, YamlMarkers markers)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (invocation is not { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Deserialize" or "LoadFromString" or "LoadAllFromString" }, ArgumentList.Arguments: [var argument, ..] } ||
            argument.Expression is not (LiteralExpressionSyntax or InterpolatedStringExpressionSyntax))
            return;
        // A marked literal is linted as such (AnalyzeMarkedYaml), once.
        if (YamlMarkers.MayHoldManifest((ExpressionSyntax)argument.Expression) && markers.IsMarked((ExpressionSyntax)argument.Expression, context.SemanticModel, context.CancellationToken))
            return;
        if (context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { Name: "KubernetesYaml", ContainingNamespace.Name: "k8s" } })
            return;
        LintYaml(context, (ExpressionSyntax)argument.Expression, linter);
    }

    /// <summary>A string literal after a <c>// language=yaml</c> comment, or passed to a <c>[StringSyntax("yaml")]</c> parameter, field or property.</summary>
    private static void AnalyzeMarkedYaml(SyntaxNodeAnalysisContext context, Linter linter, YamlMarkers markers)
    {
        var literal = (ExpressionSyntax)context.Node;
        if (literal.Parent is InterpolationSyntax || !YamlMarkers.MayHoldManifest(literal) || !markers.IsMarked(literal, context.SemanticModel, context.CancellationToken))
            return;
        LintYaml(context, literal, linter);
    }

    private static void LintYaml(SyntaxNodeAnalysisContext context, ExpressionSyntax literal, Linter linter)
    {
        var cancellationToken = context.CancellationToken;
        try
        {
            if (StringLiteralText.From(literal, context.SemanticModel, cancellationToken) is not { } text)
                return;
            foreach (var finding in linter.LintFile(new SourceFile(context.Node.SyntaxTree.FilePath, text.Value)).Findings)
                Report(context, finding.Rule.Id, finding.Level, text.SourceSpan(finding.Start.Offset, finding.End.Offset), finding.Message, FixProperties.Of(finding.Fix, inYamlString: true));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One string's failure is reported on it and must not stop the analysis (AD0001).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ReportFailure(context, linter, literal.Span, "YAML string", exception);
        }
    }

    private static void ReportFailure(SyntaxNodeAnalysisContext context, Linter linter, TextSpan span, string what, Exception exception)
    {
        var level = linter.Configuration.LevelOf(InputRules.InternalError);
        if (level != RuleLevel.Off)
            Report(context, InputRules.InternalError.Id, level, span, $"ManifestLint could not read this {what}: {exception.GetType().Name}: {exception.Message}");
    }

    private static void Report(SyntaxNodeAnalysisContext context, string ruleId, RuleLevel level, TextSpan span, string message, ImmutableDictionary<string, string?>? properties = null)
    {
        if (!ManifestDiagnostics.ByRuleId.TryGetValue(ruleId, out var descriptor))
            return;
        context.ReportDiagnostic(Diagnostic.Create(descriptor, Location.Create(context.Node.SyntaxTree, span), ManifestDiagnostics.ToSeverity(level), null, properties, message));
    }

    // Every KubernetesClient model that can stand alone is named V<digit>…: a test on the name skips all other `new`s.
    private static bool LooksLikeModelName(TypeSyntax type)
    {
        var name = type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        return name.Length > 1 && name[0] == 'V' && name[1] is >= '1' and <= '9';
    }

    /// <summary>True when the creation is a value inside another model's initializer: that object's analysis covers it.</summary>
    private static bool IsInsideModelObject(SyntaxNode creation, SemanticModel model, KubernetesModelTypes types, CancellationToken cancellationToken)
    {
        for (var node = creation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AssignmentExpressionSyntax when node.Parent is InitializerExpressionSyntax:
                case InitializerExpressionSyntax or ExpressionElementSyntax or CollectionExpressionSyntax or ParenthesizedExpressionSyntax:
                case ArgumentSyntax or ArgumentListSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax:
                    continue;
                case ObjectCreationExpressionSyntax { Type: var type } when LooksLikeModelName(type):
                    return true;
                case ImplicitObjectCreationExpressionSyntax implicitCreation:
                    if (types.ShapeOf(model.GetTypeInfo(implicitCreation, cancellationToken).Type) == ModelShape.Object)
                        return true;
                    continue;
                case BaseObjectCreationExpressionSyntax:
                    // A collection such as `new List<V1Container> { … }`: look further out.
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the object goes into a local that the code changes afterwards (<c>d.Spec.Replicas = 3;</c>): such
    /// changes are not followed yet, so nothing in the object counts as known.
    /// </summary>
    private static bool IsChangedLater(BaseObjectCreationExpressionSyntax creation)
    {
        if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
            return false;
        var name = declarator.Identifier.ValueText;
        var scope = (SyntaxNode?)declarator.FirstAncestorOrSelf<BlockSyntax>() ?? declarator.SyntaxTree.GetRoot();
        foreach (var node in scope.DescendantNodes())
        {
            var changed = node switch
            {
                AssignmentExpressionSyntax { Left: not IdentifierNameSyntax } assignment => RootName(assignment.Left) == name,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: not IdentifierNameSyntax } member } => RootName(member.Expression) == name,
                _ => false,
            };
            if (changed)
                return true;
        }

        return false;
    }

    private static string? RootName(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case MemberAccessExpressionSyntax member: expression = member.Expression; break;
                case ElementAccessExpressionSyntax element: expression = element.Expression; break;
                case ConditionalAccessExpressionSyntax conditional: expression = conditional.Expression; break;
                case PostfixUnaryExpressionSyntax postfix: expression = postfix.Operand; break;
                case ParenthesizedExpressionSyntax parenthesized: expression = parenthesized.Expression; break;
                case IdentifierNameSyntax identifier: return identifier.Identifier.ValueText;
                default: return null;
            }
        }
    }

    /// <summary>The object with the apiVersion and kind its type stands for, where the code does not set them.</summary>
    private static ManifestMapping WithIdentity(ManifestMapping written, (string ApiVersion, string Kind) entity, (SourcePosition Start, SourcePosition End) head)
    {
        if (!written.ContainsKey("apiVersion"))
            ManifestTree.Add(written, Scalar("apiVersion", head), Scalar(entity.ApiVersion, head));
        if (!written.ContainsKey("kind"))
            ManifestTree.Add(written, Scalar("kind", head), Scalar(entity.Kind, head));
        return written;
    }

    /// <summary>A Pod around a lone pod spec, container or toleration, so the rules for those fields find them.</summary>
    private static ManifestMapping PodAround(ManifestMapping written, string typeName, (SourcePosition Start, SourcePosition End) head)
    {
        var spec = written;
        if (typeName != "V1PodSpec")
        {
            spec = ManifestTree.Mapping(head.Start, head.End);
            var list = ManifestTree.Sequence(head.Start, head.End);
            ManifestTree.Add(list, written);
            ManifestTree.Add(spec, Scalar(typeName == "V1Container" ? "containers" : "tolerations", head), list);
        }

        var pod = WithIdentity(ManifestTree.Mapping(head.Start, head.End), ("v1", "Pod"), head);
        ManifestTree.Add(pod, Scalar("spec", head), spec);
        return pod;
    }

    private static ManifestScalar Scalar(string value, (SourcePosition Start, SourcePosition End) at) =>
        ManifestTree.Scalar(value, isPlain: false, at.Start, at.End);
}
