using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Loading;

/// <summary>Every node keeps its exact start and (exclusive) end; findings are only as precise as these.</summary>
public sealed class PositionTests
{
    private static ManifestMapping Root(string yaml)
    {
        var loaded = ManifestLoader.Load(new SourceFile("test.yaml", yaml));
        Assert.Empty(loaded.Problems);
        return Assert.Single(loaded.Resources).Root;
    }

    private static (int, int, int, int) Span(ManifestNode node) => (node.Start.Line, node.Start.Column, node.End.Line, node.End.Column);

    [Fact]
    public void Plain_scalar_spans_its_text()
    {
        var root = Root("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");
        var name = root.Mapping("metadata")!.Scalar("name")!;
        Assert.Equal((4, 9, 4, 12), Span(name));
        Assert.True(name.IsPlain);
        var key = root.Mapping("metadata")!.KeyNode("name")!;
        Assert.Equal((4, 3, 4, 7), Span(key));
    }

    [Fact]
    public void Offsets_are_zero_based_character_indexes()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n";
        var name = Root(yaml).Mapping("metadata")!.Scalar("name")!;
        Assert.Equal("web", yaml.Substring(name.Start.Offset, name.End.Offset - name.Start.Offset));
    }

    [Theory]
    [InlineData("\"web\"", "web")]
    [InlineData("'web'", "web")]
    [InlineData("\"w\\u0065b\"", "web")]
    public void Quoted_scalar_spans_its_quotes(string written, string value)
    {
        var root = Root($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {written}\n");
        var name = root.Mapping("metadata")!.Scalar("name")!;
        Assert.Equal(value, name.Value);
        Assert.False(name.IsPlain);
        Assert.Equal((4, 9, 4, 9 + written.Length), Span(name));
    }

    [Fact]
    public void Flow_collections_span_their_brackets()
    {
        var root = Root("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, labels: {app: web}}\ndata: {list: \"[1, 2]\"}\nextra: [a, b]\n");
        Assert.Equal((3, 11, 3, 42), Span(root.Mapping("metadata")!));
        Assert.Equal((3, 31, 3, 41), Span(root.Mapping("metadata")!.Mapping("labels")!));
        var sequence = root.Sequence("extra")!;
        Assert.Equal((5, 8, 5, 14), Span(sequence));
        Assert.Equal((5, 12, 5, 13), Span(sequence.Items[1]));
    }

    [Fact]
    public void Block_collections_start_at_their_first_entry_and_end_after_their_last_value()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web
              labels:
                app: web

            # a comment after the mapping
            data:
              items:
                - one
                - two
            """;
        var root = Root(yaml);
        var metadata = root.Mapping("metadata")!;
        Assert.Equal((4, 3, 6, 13), Span(metadata));
        var items = root.Mapping("data")!.Sequence("items")!;
        Assert.Equal((11, 5, 12, 10), Span(items));
        Assert.Equal((12, 7, 12, 10), Span(items.Items[1]));
    }

    [Fact]
    public void Paths_name_keys_and_indexes()
    {
        var root = Root("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx\n");
        var image = root.Mapping("spec")!.Sequence("containers")!.Items[0] is ManifestMapping container ? container.Scalar("image")! : null;
        Assert.Equal("spec.containers[0].image", image!.PathFrom(root));
    }

    [Fact]
    public void Json_manifest_keeps_positions()
    {
        const string json = """
            {
              "apiVersion": "apps/v1",
              "kind": "Deployment",
              "metadata": {"name": "web"},
              "spec": {"replicas": 3}
            }
            """;
        var loaded = ManifestLoader.Load(new SourceFile("web.json", json));
        var resource = Assert.Single(loaded.Resources);
        Assert.Equal("Deployment", resource.Kind);
        Assert.Equal("web", resource.Id.Name);
        var replicas = resource.Spec!.Scalar("replicas")!;
        Assert.True(replicas.TryGetInteger(out var value));
        Assert.Equal(3, value);
        Assert.Equal((5, 24, 5, 25), Span(replicas));
        Assert.Equal((3, 11, 3, 23), Span(resource.KindNode));
    }

    [Fact]
    public void Crlf_line_endings_count_lines_like_lf()
    {
        var root = Root("apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: web\r\n");
        Assert.Equal((4, 9, 4, 12), Span(root.Mapping("metadata")!.Scalar("name")!));
    }
}
