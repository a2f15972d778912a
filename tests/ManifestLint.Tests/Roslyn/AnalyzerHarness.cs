using System.Collections.Immutable;
using ManifestLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Tests.Roslyn;

/// <summary>An additional file in memory, with the analyzer config options the build would give it.</summary>
internal sealed class TestAdditionalFile(string path, string? text, IReadOnlyDictionary<string, string>? options = null) : AdditionalText
{
    public override string Path { get; } = path;

    public IReadOnlyDictionary<string, string> Options { get; } = options ?? new Dictionary<string, string>();

    public Func<SourceText?>? TextFactory { get; init; }

    public override SourceText? GetText(CancellationToken cancellationToken = default) =>
        TextFactory is not null ? TextFactory() : text is null ? null : SourceText.From(text);

    /// <summary>A manifest as the package's build files mark it (<c>ManifestLint="true"</c>).</summary>
    public static TestAdditionalFile Manifest(string path, string text, params (string Key, string Value)[] options) =>
        new(path, text, options.Append((AnalysisSession.MarkerKey, "true")).ToDictionary(pair => pair.Item1, pair => pair.Item2));

    /// <summary>The .manifestlint.yaml as the package's build files mark it (<c>ManifestLint="config"</c>).</summary>
    public static TestAdditionalFile Config(string path, string text) =>
        new(path, text, new Dictionary<string, string> { [AnalysisSession.MarkerKey] = "config" });
}

internal sealed class TestOptionsProvider(IEnumerable<TestAdditionalFile> files) : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, AnalyzerConfigOptions> byPath = files.ToDictionary(file => file.Path, file => (AnalyzerConfigOptions)new DictionaryOptions(file.Options));

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => byPath.TryGetValue(textFile.Path, out var options) ? options : GlobalOptions;

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>Runs <see cref="ManifestLintAnalyzer"/> in a small C# compilation, as csc would.</summary>
internal static class AnalyzerHarness
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(params TestAdditionalFile[] files) => await RunAsync(files, globalSeverities: null);

    public static async Task<ImmutableArray<Diagnostic>> RunAsync(IReadOnlyList<TestAdditionalFile> files, IReadOnlyDictionary<string, ReportDiagnostic>? globalSeverities)
    {
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        if (globalSeverities is not null)
            options = options.WithSyntaxTreeOptionsProvider(new GlobalSeverityProvider(globalSeverities));
        var compilation = CSharpCompilation.Create(
            "Manifests",
            [CSharpSyntaxTree.ParseText("internal sealed class C { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            options);
        var analyzerOptions = new AnalyzerOptions([.. files], new TestOptionsProvider(files));
        var withAnalyzers = compilation.WithAnalyzers([new ManifestLintAnalyzer()], new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        return await withAnalyzers.GetAllDiagnosticsAsync();
    }

    /// <summary>What a <c>.globalconfig</c> with <c>dotnet_diagnostic.ID.severity</c> gives the compilation.</summary>
    internal sealed class GlobalSeverityProvider(IReadOnlyDictionary<string, ReportDiagnostic> severities) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            TryGetGlobalDiagnosticValue(diagnosticId, cancellationToken, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            severities.TryGetValue(diagnosticId, out severity);
    }
}
