using YamlDotNet.RepresentationModel;

namespace ManifestLint.Tests.Packaging;

/// <summary>The release workflow cannot run here: its file must parse and build every RID on a runner of its OS.</summary>
public sealed class ReleaseWorkflowTests
{
    private static readonly string[] Rids = ["linux-x64", "linux-arm64", "osx-arm64", "osx-x64", "win-x64"];

    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TestSupport.RepositoryRoot, ".github", "workflows", "release.yml")))
            stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Mapping(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    [Fact]
    public void Every_rid_is_packed_as_NativeAOT_on_a_runner_of_its_own_operating_system()
    {
        var native = Mapping(Mapping(Workflow(), "jobs"), "native");
        var include = (YamlSequenceNode)Mapping(native, "strategy")["matrix"]["include"];
        var runners = include.Children.Cast<YamlMappingNode>().ToDictionary(entry => entry["rid"].ToString(), entry => entry["os"].ToString());

        Assert.Equal(Rids.Order(StringComparer.Ordinal), runners.Keys.Order(StringComparer.Ordinal));
        foreach (var (rid, os) in runners)
        {
            var family = rid.Split('-')[0] switch { "linux" => "ubuntu-", "osx" => "macos-", "win" => "windows-", var other => other };
            Assert.StartsWith(family, os, StringComparison.Ordinal);
            Assert.Equal(rid.EndsWith("arm64", StringComparison.Ordinal), os.EndsWith("-arm", StringComparison.Ordinal) || os is "macos-15" or "macos-14");
        }

        Assert.Equal("${{ matrix.os }}", native["runs-on"].ToString());
        var pack = ((YamlSequenceNode)native["steps"]).Children.Cast<YamlMappingNode>().Single(step => step.Children.TryGetValue("name", out var name) && name.ToString().StartsWith("Pack", StringComparison.Ordinal))["run"].ToString();
        Assert.Contains("-r ${{ matrix.rid }}", pack, StringComparison.Ordinal);
        Assert.Contains("-p:ManifestLintToolForm=aot", pack, StringComparison.Ordinal);
        Assert.Contains("-p:ManifestLintPackRidPackages=false", pack, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pointer_package_lists_every_rid_and_the_any_fallback()
    {
        var rids = Mapping(Workflow(), "env")["RIDS"].ToString().Split(';');

        Assert.Equal(["any", .. Rids], rids);
        var pointer = Mapping(Mapping(Workflow(), "jobs"), "pointer");
        var script = string.Join('\n', ((YamlSequenceNode)pointer["steps"]).Children.Cast<YamlMappingNode>()
            .Where(step => step.Children.ContainsKey("run")).Select(step => step["run"].ToString()));
        Assert.Contains("-r any", script, StringComparison.Ordinal);
        Assert.Contains("ToolPackageRuntimeIdentifiers=\\\"$RIDS\\\"", script, StringComparison.Ordinal);
        Assert.Equal("native", pointer["needs"].ToString());
    }
}
