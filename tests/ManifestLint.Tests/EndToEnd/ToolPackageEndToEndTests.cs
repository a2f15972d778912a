using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.EndToEnd;

/// <summary>
/// A plain <c>dotnet pack</c> of the CLI, then <c>dotnet tool install</c> from that folder: what a user of the README's
/// install gets. On a machine with clang the installed tool is the NativeAOT binary; without it, ReadyToRun.
/// </summary>
[Collection(PackingCollection.Name)]
public sealed class ToolPackageEndToEndTests
{
    private static readonly string HostRid = RuntimeInformation.RuntimeIdentifier;

    [Fact]
    public void Pack_gives_the_pointer_the_any_fallback_and_the_native_host_package_and_install_picks_the_native_one()
    {
        using var root = new TempDirectory("manifestlint-tool-e2e");
        var version = $"0.1.0-tool.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var feed = Path.Combine(root.Path, "feed");
        var pack = DotNetProcess.Run(TimeSpan.FromMinutes(20), TestSupport.RepositoryRoot,
            "pack", "src/Cli", "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false", "-tl:off");
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var native = ClangIsInstalled();
        Assert.Contains(native ? $"packing ManifestLint.{HostRid} as NativeAOT" : "MLPACK001", pack.Output, StringComparison.Ordinal);
        Assert.Equal(
            new[] { $"ManifestLint.{HostRid}.{version}.nupkg", $"ManifestLint.{version}.nupkg", $"ManifestLint.any.{version}.nupkg" }.Order(StringComparer.Ordinal),
            Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["DotnetTool"], PackageTypes(Path.Combine(feed, $"ManifestLint.{version}.nupkg")));
        Assert.Equal(["DotnetToolRidPackage"], PackageTypes(Path.Combine(feed, $"ManifestLint.any.{version}.nupkg")));

        var config = root.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /></packageSources>
              <config><add key="globalPackagesFolder" value="{Path.Combine(root.Path, "packages")}" /></config>
            </configuration>
            """);
        var toolPath = Path.Combine(root.Path, "tools");
        var install = DotNetProcess.Run(root.Path, "tool", "install", "--configfile", config, "--tool-path", toolPath, "--add-source", feed, "ManifestLint", "--version", version);
        Assert.True(install.ExitCode == 0, install.ToString());

        var installed = new FileInfo(Path.Combine(toolPath, OperatingSystem.IsWindows() ? "manifestlint.exe" : "manifestlint"));
        var binary = installed.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? installed.FullName;
        Assert.Contains($"manifestlint.{HostRid}", binary, StringComparison.OrdinalIgnoreCase);
        var managed = File.Exists(Path.Combine(Path.GetDirectoryName(binary)!, "manifestlint.dll"));
        if (native)
        {
            Assert.False(managed, $"the NativeAOT package carries no managed manifestlint.dll: {binary}");
            if (OperatingSystem.IsLinux())
                Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, File.ReadAllBytes(binary)[..4]);
        }
        else
        {
            Assert.True(managed, $"the ReadyToRun package runs manifestlint.dll: {binary}");
        }

        // The installed tool prints what the CLI prints in-process, byte for byte.
        var samples = Path.Combine(TestSupport.RepositoryRoot, "samples");
        string[] arguments = ["check", "web-deploy.yaml", "broken/duplicate-key.yaml"];
        var expected = CliRunner.Run(samples, arguments);
        var run = Process.Start(new ProcessStartInfo(installed.FullName, arguments) { WorkingDirectory = samples, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = run.StandardOutput.ReadToEnd();
        run.WaitForExit();
        Assert.Equal(1, expected.ExitCode);
        Assert.Contains("ML9002", expected.Stdout, StringComparison.Ordinal);
        Assert.Equal((expected.ExitCode, expected.Stdout), (run.ExitCode, stdout));
    }

    private static bool ClangIsInstalled() =>
        !OperatingSystem.IsWindows()
        && (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(directory => File.Exists(Path.Combine(directory, "clang")));

    private static string[] PackageTypes(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        var nuspec = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var document = System.Xml.Linq.XDocument.Load(stream);
        return document.Descendants().Where(element => element.Name.LocalName == "packageType").Select(element => (string)element.Attribute("name")!).ToArray();
    }
}
