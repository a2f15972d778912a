using System.Collections.Immutable;
using ManifestLint.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Tests.Roslyn;

/// <summary>
/// Runs <see cref="ManifestLintCodeFixProvider"/> the way an IDE does: the sources as documents of an
/// <see cref="AdhocWorkspace"/> project compiled against the real KubernetesClient models, the analyzers' diagnostics
/// on that project, the code action's changed solution read back as text.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>The one fix offered for the one <paramref name="ruleId"/> diagnostic of <paramref name="source"/>: its title and the fixed text.</summary>
    public static async Task<(string Title, string Text)> FixAsync(string source, string ruleId)
    {
        var project = CreateProject([source]);
        var diagnostic = Assert.Single(await DiagnosticsAsync(project), diagnostic => diagnostic.Id == ruleId);
        var document = DocumentOf(project, diagnostic);
        var action = Assert.Single(await ActionsAsync(document, diagnostic));
        var solution = await ChangedSolutionAsync(action);
        return (action.Title, (await solution.GetDocument(document.Id)!.GetTextAsync()).ToString());
    }

    /// <summary>The code actions offered for <paramref name="ruleId"/> diagnostics of <paramref name="source"/>.</summary>
    public static async Task<IReadOnlyList<CodeAction>> ActionsAsync(string source, string ruleId)
    {
        var project = CreateProject([source]);
        var actions = new List<CodeAction>();
        foreach (var diagnostic in (await DiagnosticsAsync(project)).Where(diagnostic => diagnostic.Id == ruleId))
            actions.AddRange(await ActionsAsync(DocumentOf(project, diagnostic), diagnostic));
        return actions;
    }

    /// <summary>Fix-all for <paramref name="ruleId"/> from its first diagnostic, in <paramref name="scope"/>: the text of every source after it.</summary>
    public static async Task<string[]> FixAllAsync(string[] sources, string ruleId, FixAllScope scope)
    {
        var project = CreateProject(sources);
        var diagnostics = await DiagnosticsAsync(project);
        var first = diagnostics.First(diagnostic => diagnostic.Id == ruleId);
        var document = DocumentOf(project, first);
        var provider = new ManifestLintCodeFixProvider();
        var equivalenceKey = (await ActionsAsync(document, first))[0].EquivalenceKey;
        var context = new FixAllContext(document, provider, scope, equivalenceKey, [ruleId], new FixedDiagnostics(diagnostics), CancellationToken.None);
        var action = await provider.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(action);
        var solution = await ChangedSolutionAsync(action);
        var texts = new List<string>();
        foreach (var id in SourceDocuments(project))
            texts.Add((await solution.GetDocument(id)!.GetTextAsync()).ToString());
        return [.. texts];
    }

    private static async Task<List<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new ManifestLintCodeFixProvider().RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<Solution> ChangedSolutionAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    private static Project CreateProject(IReadOnlyList<string> sources)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Create(), "Objects", "Objects", LanguageNames.CSharp,
            compilationOptions: CodeHarness.CompilationOptions, parseOptions: CodeHarness.ParseOptions, metadataReferences: CodeHarness.References));
        for (var index = 0; index < sources.Count; index++)
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"File{index}.cs", SourceText.From(sources[index]), filePath: $"/src/File{index}.cs");
        solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.cs", SourceText.From(CodeHarness.GlobalUsings), filePath: "/src/GlobalUsings.cs");
        return solution.GetProject(projectId)!;
    }

    private static IEnumerable<DocumentId> SourceDocuments(Project project) =>
        project.Documents.Where(document => document.Name != "GlobalUsings.cs").OrderBy(document => document.Name, StringComparer.Ordinal).Select(document => document.Id);

    private static Document DocumentOf(Project project, Diagnostic diagnostic) =>
        project.Documents.Single(document => document.FilePath == diagnostic.Location.SourceTree!.FilePath);

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project) =>
        (await CodeHarness.AnalyzeAsync((await project.GetCompilationAsync())!))
            .Where(diagnostic => diagnostic.Id.StartsWith("ML", StringComparison.Ordinal))
            .ToImmutableArray();

    /// <summary>The diagnostics fix-all works through, as an IDE's diagnostic service would hand them over.</summary>
    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(diagnostic => diagnostic.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(diagnostic => diagnostic.Location.SourceTree is null));

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
