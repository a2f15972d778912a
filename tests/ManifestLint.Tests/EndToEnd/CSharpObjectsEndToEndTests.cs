namespace ManifestLint.Tests.EndToEnd;

/// <summary>
/// A throwaway console app that builds a Deployment with the KubernetesClient models and references the packed
/// analyzer: what a .NET team gets from the PackageReference on code, not on YAML files.
/// </summary>
[Collection(PackingCollection.Name)]
public sealed class CSharpObjectsEndToEndTests : IDisposable
{
    private const string Program = """
        using k8s;
        using k8s.Models;

        var deployment = Build();
        System.Console.WriteLine(KubernetesYaml.Serialize(deployment));

        static V1Deployment Build() => new()
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new() { Name = "web" },
            Spec = new()
            {
                Replicas = 3,
                Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Strategy = new() { Type = "Rollingupdate" },
                Template = new()
                {
                    Metadata = new() { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new()
                    {
                        Containers =
                        [
                            new()
                            {
                                Name = "web",
                                Image = "registry.example.com/web:1.4.2",
                                ReadinessProbe = new() { HttpGet = new() { Path = "/ready", Port = 8080 } },
                            },
                        ],
                    },
                },
            },
        };
        """;

    private readonly TempDirectory root = new("manifestlint-e2e-code");
    private readonly string app;
    private readonly string packageFolder;

    public CSharpObjectsEndToEndTests()
    {
        var version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var feed = Path.Combine(root.Path, "feed");
        PackageWorkspace.Pack(feed, version, PackageWorkspace.AnalyzerProject);
        // KubernetesClient comes from the machine's NuGet cache, which restoring the tests filled: no network.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        root.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="cache" value="{cache}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(root.Path, "packages")}" />
              </config>
            </configuration>
            """);
        root.Write("Directory.Build.props", "<Project />");
        root.Write("Directory.Build.targets", "<Project />");
        root.Write("CodeApp/CodeApp.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="KubernetesClient" Version="21.0.8" />
                <PackageReference Include="ManifestLint.Analyzers" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        root.Write("CodeApp/Program.cs", Program);
        // ML1001 is an error by default; as a warning it shows that TreatWarningsAsErrors applies.
        root.Write("CodeApp/.globalconfig", "is_global = true\ndotnet_diagnostic.ML1001.severity = warning\n");
        app = Path.Combine(root.Path, "CodeApp");
        packageFolder = Path.Combine(root.Path, "packages", "manifestlint.analyzers", version);
        var restore = DotNetProcess.Run(app, "restore", "-nodeReuse:false", "-tl:off");
        if (restore.ExitCode != 0)
            throw new InvalidOperationException($"dotnet restore failed:\n{restore}");
    }

    [Fact]
    public void The_build_reports_the_finding_at_the_CSharp_literal_and_TreatWarningsAsErrors_fails_it()
    {
        // The code fixes travel beside the analyzer; the compiler must not try to load them as an analyzer (CS8032).
        Assert.Equal(
            ["ManifestLint.Analyzers.CodeFixes.dll", "ManifestLint.Analyzers.dll", "ManifestLint.Engine.dll", "YamlDotNet.dll"],
            Directory.GetFiles(Path.Combine(packageFolder, "analyzers", "dotnet", "cs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var literal = Program.IndexOf("\"Rollingupdate\"", StringComparison.Ordinal);
        var line = Program.Take(literal).Count(c => c == '\n') + 1;
        var column = literal - Program.LastIndexOf('\n', literal);

        var build = Build();
        var strict = Build("-p:TreatWarningsAsErrors=true");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"Program.cs({line},{column}): warning ML1001: strategy.type 'Rollingupdate' is not supported", build.Output, StringComparison.Ordinal);
        Assert.True(strict.ExitCode != 0, strict.ToString());
        Assert.Contains($"Program.cs({line},{column}): error ML1001:", strict.Output, StringComparison.Ordinal);
        foreach (var result in new[] { build, strict })
        {
            Assert.DoesNotContain("CS9057", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("CS8032", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("AD0001", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("ML9000", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dotnet_format_applies_the_packed_code_fix()
    {
        var format = DotNetProcess.Run(app, "format", "analyzers", "--no-restore", "--diagnostics", "ML1001", "--severity", "info");

        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.Equal(Program.Replace("\"Rollingupdate\"", "\"RollingUpdate\"", StringComparison.Ordinal), File.ReadAllText(Path.Combine(app, "Program.cs")));
    }

    private DotNetProcess.Result Build(params string[] extraArguments) =>
        DotNetProcess.Run(app, ["build", "--no-restore", "--no-incremental", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off", .. extraArguments]);

    public void Dispose() => root.Dispose();
}
