using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using ManifestLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Tests.Roslyn;

/// <summary>C# source with <c>[|…|]</c> marking the spans diagnostics are expected at.</summary>
internal sealed record MarkedCode(string Text, IReadOnlyList<TextSpan> Spans)
{
    public static MarkedCode Parse(string markup)
    {
        var text = new System.Text.StringBuilder();
        var spans = new List<TextSpan>();
        var starts = new Stack<int>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (string.CompareOrdinal(markup, i, "[|", 0, 2) == 0)
            {
                starts.Push(text.Length);
                i++;
            }
            else if (string.CompareOrdinal(markup, i, "|]", 0, 2) == 0)
            {
                spans.Add(TextSpan.FromBounds(starts.Pop(), text.Length));
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new MarkedCode(text.ToString(), spans);
    }
}

/// <summary>
/// The KubernetesClient 21.0.8 package and its dependencies from the NuGet cache, in a load context of their own so
/// their YamlDotNet 18 never replaces the engine's.
/// </summary>
internal sealed class KubernetesClientContext() : AssemblyLoadContext("kubernetes-client", isCollectible: true)
{
    private static readonly string PackageRoot = typeof(KubernetesClientContext).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "NuGetPackageRoot").Value!;

    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["KubernetesClient"] = "kubernetesclient/21.0.8/lib/net10.0/KubernetesClient.dll",
        ["YamlDotNet"] = "yamldotnet/18.0.0/lib/net10.0/YamlDotNet.dll",
        ["Fractions"] = "fractions/8.3.2/lib/net8.0/Fractions.dll",
    };

    public static string ClientAssemblyPath => PathOf("KubernetesClient");

    private static string PathOf(string name) => Path.Combine(PackageRoot, Packages[name]);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name is { } name && Packages.ContainsKey(name) ? LoadFromAssemblyPath(PathOf(name)) : null;
}

/// <summary>Compiles C# against the real KubernetesClient models and runs <see cref="KubernetesObjectAnalyzer"/> on it.</summary>
internal static class CodeHarness
{
    public const string Usings = "using k8s;\nusing k8s.Models;\n";

    // What ImplicitUsings gives a project, in a file of its own so line numbers in the tested file stay as written.
    public const string GlobalUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static readonly CSharpCompilationOptions CompilationOptions = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    public static readonly ImmutableArray<MetadataReference> References = ReferencesWith(KubernetesClientContext.ClientAssemblyPath);

    public static CSharpCompilation Compile(string source, bool withKubernetesClient = true, string path = "/src/Program.cs") =>
        CSharpCompilation.Create(
            "Objects",
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path), CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, "/src/GlobalUsings.cs")],
            withKubernetesClient ? References : References.RemoveAll(reference => reference.Display?.EndsWith("KubernetesClient.dll", StringComparison.Ordinal) == true),
            CompilationOptions);

    /// <summary>Every diagnostic of the compilation and the analyzers; fails on a compile error so a broken fixture never passes.</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(
        string source,
        IReadOnlyDictionary<string, ReportDiagnostic>? globalSeverities = null,
        IReadOnlyList<TestAdditionalFile>? additionalFiles = null,
        bool withKubernetesClient = true,
        string path = "/src/Program.cs")
    {
        Compilation compilation = Compile(source, withKubernetesClient, path);
        if (globalSeverities is not null)
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new AnalyzerHarness.GlobalSeverityProvider(globalSeverities)));
        return await AnalyzeAsync(compilation, additionalFiles);
    }

    /// <summary>The diagnostics of a compilation and the analyzers; fails on a compile error so a broken fixture never passes.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, IReadOnlyList<TestAdditionalFile>? additionalFiles = null)
    {
        var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(error => error.ToString())));
        var files = additionalFiles ?? [];
        var options = new AnalyzerOptions([.. files], new TestOptionsProvider(files));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new KubernetesObjectAnalyzer(), new ManifestLintAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.Id is "AD0001" or "CS9057" or "ML9000");
        return diagnostics;
    }

    /// <summary>The ManifestLint diagnostics only, in source order.</summary>
    public static async Task<Diagnostic[]> FindingsAsync(string source, IReadOnlyDictionary<string, ReportDiagnostic>? globalSeverities = null, string path = "/src/Program.cs") =>
        (await RunAsync(source, globalSeverities, path: path))
            .Where(diagnostic => diagnostic.Id.StartsWith("ML", StringComparison.Ordinal))
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Runs the source's static <c>Objects.Build()</c> and returns <c>KubernetesYaml.Serialize</c> of the object it really makes.</summary>
    public static string SerializeBuiltObject(string source)
    {
        var compilation = Compile(source);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var context = new KubernetesClientContext();
        try
        {
            var built = context.LoadFromStream(stream).GetType("Objects")!.GetMethod("Build", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
            var serialize = context.LoadFromAssemblyName(new AssemblyName("KubernetesClient")).GetType("k8s.KubernetesYaml")!
                .GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Single(method => method is { Name: "Serialize", IsGenericMethod: false } && method.GetParameters().Length == 1);
            return (string)serialize.Invoke(null, [built])!;
        }
        finally
        {
            context.Unload();
        }
    }

    private static ImmutableArray<MetadataReference> ReferencesWith(string kubernetesClient)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(kubernetesClient)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
