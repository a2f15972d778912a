namespace ManifestLint.Tests.EndToEnd;

/// <summary>
/// Packs ManifestLint.MsBuild and ManifestLint.Analyzers into a local folder feed under a version no other run used
/// (so no compiler server or MSBuild node holds an older build of the same version), and sets up a throwaway
/// solution with one project per package. The end-to-end tests share it and reset its manifests per test.
/// </summary>
public sealed class PackageWorkspace : IDisposable
{
    private readonly TempDirectory root = new("manifestlint-e2e");

    public PackageWorkspace()
    {
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var feed = Path.Combine(root.Path, "feed");
        Pack(feed, Version, "src/MsBuildTask/ManifestLint.MsBuild.csproj", AnalyzerProject);

        Directory = Path.Combine(root.Path, "solution");
        root.Write("solution/nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(root.Path, "packages")}" />
              </config>
            </configuration>
            """);
        // Stop MSBuild from importing anything above the throwaway solution.
        root.Write("solution/Directory.Build.props", "<Project />");
        root.Write("solution/Directory.Build.targets", "<Project />");
        root.Write("solution/TaskApp/TaskApp.csproj", Project("ManifestLint.MsBuild", string.Empty));
        root.Write("solution/TaskApp/C.cs", "internal sealed class C { }\n");
        root.Write("solution/AnalyzerApp/AnalyzerApp.csproj", Project("ManifestLint.Analyzers", "<ErrorLog>build.sarif,version=2.1</ErrorLog>"));
        root.Write("solution/AnalyzerApp/C.cs", "internal sealed class C { }\n");
        root.Write("solution/e2e.slnx", """
            <Solution>
              <Project Path="TaskApp/TaskApp.csproj" />
              <Project Path="AnalyzerApp/AnalyzerApp.csproj" />
            </Solution>
            """);
        var restore = DotNetProcess.Run(Directory, "restore", "e2e.slnx", "-nodeReuse:false", "-tl:off");
        if (restore.ExitCode != 0)
            throw new InvalidOperationException($"dotnet restore failed:\n{restore}");
    }

    public const string AnalyzerProject = "src/Analyzers/ManifestLint.Analyzers/ManifestLint.Analyzers.csproj";

    public string Version { get; }

    /// <summary>Packs <paramref name="projects"/> (paths from the repository root) into the folder feed <paramref name="feed"/>.</summary>
    public static void Pack(string feed, string version, params string[] projects)
    {
        foreach (var project in projects)
        {
            var pack = DotNetProcess.Run(TestSupport.RepositoryRoot, "pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off");
            if (pack.ExitCode != 0)
                throw new InvalidOperationException($"dotnet pack {project} failed:\n{pack}");
        }
    }

    /// <summary>The throwaway solution: TaskApp references the task package, AnalyzerApp the analyzer package.</summary>
    public string Directory { get; }

    public static readonly string[] Apps = ["TaskApp", "AnalyzerApp"];

    private string Project(string package, string properties) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{package}" Version="{Version}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>Removes every manifest and configuration file, then writes <paramref name="files"/> into both apps.</summary>
    public void Reset(params (string Path, string Text)[] files)
    {
        foreach (var app in Apps)
        {
            var appDirectory = Path.Combine(Directory, app);
            foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(appDirectory))
            {
                var name = Path.GetFileName(entry);
                if (name is "bin" or "obj" or "C.cs" || name.EndsWith(".csproj", StringComparison.Ordinal))
                    continue;
                if (System.IO.Directory.Exists(entry))
                    System.IO.Directory.Delete(entry, recursive: true);
                else
                    File.Delete(entry);
            }

            foreach (var (path, text) in files)
                root.Write(Path.Combine("solution", app, path), text);
        }

        foreach (var name in new[] { ".manifestlint.yaml", ".globalconfig", ".editorconfig" })
            File.Delete(Path.Combine(Directory, name));
    }

    public void WriteAtRoot(string name, string text) => root.Write(Path.Combine("solution", name), text);

    /// <summary>Writes a file into one app, e.g. a manifest that appears with an old timestamp.</summary>
    public string WriteInApp(string app, string path, string text) => root.Write(Path.Combine("solution", app, path), text);

    public DotNetProcess.Result Build(params string[] extraArguments) =>
        DotNetProcess.Run(Directory, ["build", "e2e.slnx", "--no-restore", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off", "-v:n", .. extraArguments]);

    /// <summary>
    /// Builds after touching the C# sources, so the compiler (and with it the analyzer) runs again even when only
    /// properties changed; cheaper than --no-incremental. The task re-runs on its own when a property it hashes changes.
    /// </summary>
    public DotNetProcess.Result Recompile(params string[] extraArguments)
    {
        foreach (var app in Apps)
            File.SetLastWriteTimeUtc(Path.Combine(Directory, app, "C.cs"), DateTime.UtcNow);
        return Build(extraArguments);
    }

    public void Dispose() => root.Dispose();
}
