using System.Globalization;
using System.Text.RegularExpressions;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using YamlDotNet.RepresentationModel;

namespace ManifestLint.Tests.Configuration;

/// <summary>The published JSON schema of <c>.manifestlint.yaml</c> accepts what the tool accepts, README examples included.</summary>
public sealed class ConfigurationSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(TestSupport.RepositoryRoot, "src", "Cli", "manifestlint.schema.json");

    private static readonly JsonSchema Schema = JsonSchema.FromFileAsync(SchemaPath).GetAwaiter().GetResult();

    public static TheoryData<string> ReadmeConfigurations()
    {
        var readme = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot, "README.md"));
        var data = new TheoryData<string>();
        foreach (Match block in Regex.Matches(readme, "```yaml\n(# \\.manifestlint\\.yaml\n.*?)```", RegexOptions.Singleline))
            data.Add(block.Groups[1].Value);
        return data;
    }

    [Fact]
    public void Readme_has_configuration_examples()
    {
        Assert.True(ReadmeConfigurations().Count >= 2);
    }

    [Theory]
    [MemberData(nameof(ReadmeConfigurations))]
    public void Readme_configuration_examples_pass_the_schema_and_the_tool(string yaml)
    {
        Assert.Empty(Schema.Validate(ToJson(yaml)));
        // `crds:` paths must exist beside the configuration file: give the example the folder it names.
        using var directory = new ManifestLint.Tests.TempDirectory();
        directory.Write("deploy/crds/widget.yaml", "# a CRD would be here\n");
        ConfigurationFile.Parse(Path.Combine(directory.Path, ".manifestlint.yaml"), yaml);
    }

    [Fact]
    public void Every_rule_id_and_name_is_a_valid_key_under_rules()
    {
        var rules = string.Join("\n", RuleCatalog.Descriptors.SelectMany(rule => new[] { $"  {rule.Id}: off", $"  {rule.Name}: error" }));

        Assert.Empty(Schema.Validate(ToJson($"rules:\n{rules}\n")));
    }

    [Fact]
    public void The_schema_knows_exactly_the_keys_the_tool_reads()
    {
        Assert.Equal(ConfigurationFile.Keys.Order(), Schema.Properties.Keys.Order());
    }

    [Theory]
    [InlineData("rule:\n  ML4005: off\n")]
    [InlineData("rules:\n  ML4005: loud\n")]
    [InlineData("kubernetesVersion: latest\n")]
    [InlineData("rollout:\n  nodes: -1\n")]
    [InlineData("rollout:\n  node: 3\n")]
    [InlineData("exclude: charts/**\n")]
    public void Mistakes_the_tool_rejects_fail_the_schema_too(string yaml)
    {
        Assert.NotEmpty(Schema.Validate(ToJson(yaml)));
        Assert.Throws<ConfigurationException>(() => ConfigurationFile.Parse(".manifestlint.yaml", yaml));
    }

    // YAML to JSON with YAML 1.2 core types for plain scalars, as the tool reads them.
    private static string ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? "null" : Convert(stream.Documents[0].RootNode).ToString();
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JObject(mapping.Children.Select(pair => new JProperty(((YamlScalarNode)pair.Key).Value!, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when scalar.Value is null or "" or "~" or "null" => JValue.CreateNull(),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => new JValue(number),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when scalar.Value is "true" or "false" => new JValue(scalar.Value == "true"),
        YamlScalarNode scalar => new JValue(scalar.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };
}
