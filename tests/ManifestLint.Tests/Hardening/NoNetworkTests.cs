using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ManifestLint.Tests.Hardening;

/// <summary>ManifestLint never uses the network: no shipped assembly refers to a System.Net type.</summary>
public sealed class NoNetworkTests
{
    public static TheoryData<string> ShippedAssemblies() =>
    [
        typeof(ManifestLint.Engine.Linter).Assembly.Location,
        typeof(ManifestLint.Cli.ManifestLintCli).Assembly.Location,
        typeof(ManifestLint.MsBuild.ManifestLintTask).Assembly.Location,
        typeof(YamlDotNet.Core.Parser).Assembly.Location,
    ];

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void Assembly_refers_to_no_networking_type(string path)
    {
        var networking = NetworkingReferences(path);
        Assert.True(networking.Length == 0, $"{Path.GetFileName(path)} uses {string.Join(", ", networking)}");
    }

    [Fact]
    public void The_check_finds_a_networking_type_where_one_is_used()
    {
        // Guards the test above against passing vacuously: this test assembly names HttpClient right here.
        Assert.NotNull(typeof(System.Net.Http.HttpClient));
        Assert.Contains("System.Net.Http.HttpClient", NetworkingReferences(typeof(NoNetworkTests).Assembly.Location));
    }

    private static string[] NetworkingReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var types = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(type => $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}");
        var assemblies = metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name));
        return types.Concat(assemblies).Where(name => name.StartsWith("System.Net", StringComparison.Ordinal)).ToArray();
    }
}
