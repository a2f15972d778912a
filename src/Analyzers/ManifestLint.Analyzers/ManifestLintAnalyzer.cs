using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ManifestLint.Analyzers;

/// <summary>
/// Lints the AdditionalFiles that the package's build files mark as Kubernetes manifests
/// (<c>build_metadata.AdditionalFiles.ManifestLint = true</c>) and reports each finding in the YAML file.
/// It never throws: an analyzer exception becomes an easily missed AD0001 warning and stops every rule.
/// </summary>
// C# only: the package ships it under analyzers/dotnet/cs/, and the assembly references Microsoft.CodeAnalysis.CSharp
// for the C# object front end, which the Visual Basic compiler does not always provide (RS1038).
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ManifestLintAnalyzer : DiagnosticAnalyzer
{
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
            var session = AnalysisSession.Create(context.Options, context.Compilation, context.CancellationToken);
            if (session is not null)
                context.RegisterAdditionalFileAction(session.AnalyzeFile);
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
}
