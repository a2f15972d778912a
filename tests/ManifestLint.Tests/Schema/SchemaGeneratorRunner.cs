using System.Diagnostics;

namespace ManifestLint.Tests.Schema;

/// <summary>Runs the built ManifestLint.SchemaGenerator in its own process, as the regeneration command does.</summary>
internal static class SchemaGeneratorRunner
{
    public static string EngineSchemaDirectory => Path.Combine(TestSupport.RepositoryRoot, "src", "Analyzers", "ManifestLint.Engine", "Schema");

    public const string RegenerateCommand =
        "dotnet run --project src/Analyzers/ManifestLint.SchemaGenerator -- schema src/Analyzers/ManifestLint.Engine/Schema/kubernetes.schema\n" +
        "  dotnet run --project src/Analyzers/ManifestLint.SchemaGenerator -- served ../shared/k8s-openapi src/Analyzers/ManifestLint.Engine/Schema/served-kinds.txt";

    /// <summary>Runs the generator with <paramref name="arguments"/> (the last one an output file) and returns what it wrote.</summary>
    public static string Run(params string[] arguments)
    {
        // The generator is built beside the tests in the same configuration (Debug or Release).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var generator = Path.Combine(TestSupport.RepositoryRoot, "src", "Analyzers", "ManifestLint.SchemaGenerator", "bin", configuration, "net10.0", "ManifestLint.SchemaGenerator.dll");
        var output = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(generator);
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            start.ArgumentList.Add(output);
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the schema generator did not finish");
            Assert.True(process.ExitCode == 0, $"the schema generator failed: {errors.Result}");
            return File.ReadAllText(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
