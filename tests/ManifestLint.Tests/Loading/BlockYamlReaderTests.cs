using System.Text;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Loading;

/// <summary>
/// The block reader against YamlDotNet: on every file it accepts, the same documents, nodes, values and positions;
/// everything outside its subset goes to YamlDotNet.
/// </summary>
public sealed class BlockYamlReaderTests
{
    [Fact]
    public void Accepted_samples_and_fixtures_read_exactly_as_YamlDotNet_reads_them()
    {
        var files = Directory.EnumerateFiles(Path.Combine(TestSupport.RepositoryRoot, "samples"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(TestSupport.RepositoryRoot, "tests", "ManifestLint.Tests"), "*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();

        var accepted = CompareWithYamlDotNet(files);

        // Most fixtures are written in flow style, which is YamlDotNet's; the comparison must still read some.
        Assert.True(accepted >= 10, $"the block reader accepted {accepted} of {files.Length} files");
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    app: web\ndata:\n  key: 'it''s'\n  empty:\n  other: -1\n", true)]
    [InlineData("# leading comment\n\n---\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n      protocol: TCP\n  volumes:\n  -\n  - a\n---\nkind: Service   \n", true)]
    [InlineData("items:\n- - nested\n", false)]
    [InlineData("a: b\n  continued\n", false)]
    [InlineData("a: [1, 2]\n", false)]
    [InlineData("a: b # trailing comment\nc: 'd' # another\ne: \"f g\"   \nh: # empty\ni:\n- # empty item\n- x#y\n--- # second\nj: k\n", true)]
    [InlineData("a: b\na: c\n", false)]
    [InlineData("---\n---\na: b\n", false)]
    [InlineData("a:\n  b: c\n d: e\n", false)]
    [InlineData("# only a comment\n\n", true)]
    [InlineData("", true)]
    [InlineData("- a\n- b: c\n  d:\n  - e\n-   f: g\n    h: i\n", true)]
    [InlineData("key:\n  a plain scalar on its own line\n", false)]
    [InlineData("url: http://example.com/a#b,c[0]{x}\n", true)]
    [InlineData("a:\n  b: c\n...  d: e\n", false)]
    [InlineData(".a: b\n", true)]
    [InlineData("a: b\nc:", false)]
    [InlineData("- a:", false)]
    [InlineData("x *a: b\n", false)]
    [InlineData("a: x *b: c\n", false)]
    [InlineData("a: sh -c\n", false)]
    public void A_document_reads_as_YamlDotNet_reads_it_or_goes_to_YamlDotNet(string yaml, bool accepted)
    {
        var block = BlockYamlReader.TryRead(yaml, InputLimits.Default);
        var reference = YamlTreeReader.ReadWithYamlDotNet(yaml, InputLimits.Default);
        Assert.Equal(accepted, block is not null);
        if (block is not null)
            Assert.Equal(Dump(reference), Dump(block));
        Assert.Equal(Dump(reference), Dump(YamlTreeReader.Read(yaml)));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\n", true)]
    [InlineData("a: [1, 2]\n", false)]
    [InlineData("a: |\n  text\n", false)]
    [InlineData("a: &x b\nc: *x\n", false)]
    [InlineData("a: \"double\" # comment\n", true)]
    [InlineData("a: \"escaped\\n\"\n", false)]
    [InlineData("a: b\r\n", false)]
    [InlineData("a: b\na: c\n", false)]
    [InlineData("a: b # manifestlint-disable-line ML1001\n", false)]
    public void Only_the_plain_block_subset_is_read_without_YamlDotNet(string yaml, bool accepted)
    {
        Assert.Equal(accepted, BlockYamlReader.TryRead(yaml, InputLimits.Default) is not null);
    }

    // What the mutations insert: YAML's indicators, markers, quotes, comments, line breaks and indentation.
    private static readonly string[] Mutations =
    [
        "a", "key", "-", " ", "  ", ":", ": ", "#", " #", "x #y", "'", "\"", "''", "x y", "---", "...", "\n", "\n  ", "\n- ",
        "- ", " - ", "a: ", "- a: ", "\n# c\n", "1", "-1", "[", "]", "{", "}", ",", "?", "*", "&", "!", "|", ">", "%", "@",
        "http://a", "a:b", "\t", "\r", "\u00e9", "<<", "~",
    ];

    [Fact]
    public void Random_edits_of_the_samples_read_as_YamlDotNet_reads_them_or_go_to_YamlDotNet()
    {
        var samples = Directory.EnumerateFiles(Path.Combine(TestSupport.RepositoryRoot, "samples"), "*.yaml", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .ToArray();
        var random = new Random(20261205);
        var accepted = 0;
        for (var round = 0; round < 20_000; round++)
        {
            var text = new StringBuilder(round % 2 == 0 ? string.Empty : samples[random.Next(samples.Length)]);
            for (var edits = random.Next(1, round % 2 == 0 ? 30 : 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                if (text.Length > 0 && random.Next(3) == 0)
                    text.Remove(Math.Min(at, text.Length - 1), 1);
                else
                    text.Insert(at, Mutations[random.Next(Mutations.Length)]);
            }

            var yaml = text.ToString();
            if (BlockYamlReader.TryRead(yaml, InputLimits.Default) is not { } block)
                continue;
            accepted++;
            AssertReadsAsYamlDotNet(System.Text.Json.JsonSerializer.Serialize(yaml), yaml, block);
        }

        Assert.True(accepted > 1_000, $"the block reader accepted {accepted} of 20,000 edited samples");
    }

    /// <summary>Compares every accepted file with YamlDotNet's reading of it; returns how many were accepted.</summary>
    internal static int CompareWithYamlDotNet(IEnumerable<string> paths)
    {
        var accepted = 0;
        foreach (var path in paths)
        {
            var text = SourceReader.Read(path, path, InputLimits.Default).Text;
            if (BlockYamlReader.TryRead(text, InputLimits.Default) is not { } block)
                continue;
            accepted++;
            AssertReadsAsYamlDotNet(path, text, block);
        }

        return accepted;
    }

    private static void AssertReadsAsYamlDotNet(string name, string text, YamlStreamContent block)
    {
        var expected = Dump(YamlTreeReader.ReadWithYamlDotNet(text, InputLimits.Default));
        var actual = Dump(block);
        if (expected != actual)
            Assert.Fail($"{name}: the block reader differs from YamlDotNet at\n{FirstDifference(expected, actual)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "(nothing)";
            var a = i < actualLines.Length ? actualLines[i] : "(nothing)";
            if (e != a)
                return $"YamlDotNet: {e}\nblock:      {a}";
        }

        return "(no difference)";
    }

    private static string Dump(YamlStreamContent content)
    {
        var builder = new StringBuilder();
        builder.Append("documents ").Append(content.Documents.Count).Append(" starts ").AppendJoin(' ', content.DocumentStarts.Select(Position)).Append('\n');
        builder.Append("problems ").Append(content.Problems.Count).Append(" comments ").Append(content.Comments.Count).Append(" non-scalar keys ").Append(content.HasNonScalarKeys).Append('\n');
        foreach (var document in content.Documents)
            Dump(document, 0, builder);
        return builder.ToString();
    }

    private static void Dump(ManifestNode? node, int depth, StringBuilder builder)
    {
        builder.Append(' ', depth * 2);
        if (node is null)
        {
            builder.Append("(none)\n");
            return;
        }

        builder.Append(node.GetType().Name).Append(' ').Append(Position(node.Start)).Append('-').Append(Position(node.End))
            .Append(" key=").Append(node.KeyInParent ?? "-").Append(" index=").Append(node.IndexInParent)
            .Append(" parent=").Append(node.Parent is null ? "-" : Position(node.Parent.Start));
        switch (node)
        {
            case ManifestScalar scalar:
                builder.Append(" value=").Append(scalar.Value).Append(" plain=").Append(scalar.IsPlain).Append('\n');
                break;
            case ManifestMapping mapping:
                builder.Append('\n');
                foreach (var entry in mapping.Entries)
                {
                    Dump(entry.Key, depth + 1, builder);
                    Dump(entry.Value, depth + 2, builder);
                }

                break;
            case ManifestSequence sequence:
                builder.Append('\n');
                foreach (var item in sequence.Items)
                    Dump(item, depth + 1, builder);
                break;
        }
    }

    private static string Position(SourcePosition position) => $"{position.Line}:{position.Column}@{position.Offset}";
}

/// <summary>The block reader against YamlDotNet on the real-world corpus.</summary>
[Trait("Data", "Shared")]
public sealed class SharedBlockYamlReaderTests
{
    [SharedDataFact]
    public void Accepted_corpus_files_read_exactly_as_YamlDotNet_reads_them()
    {
        var files = Directory.EnumerateFiles(Path.Combine(TestSupport.SharedDirectory, "corpus"), "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .ToArray();

        var accepted = BlockYamlReaderTests.CompareWithYamlDotNet(files);

        Assert.True(accepted > files.Length / 4, $"the block reader accepted {accepted} of {files.Length} files");
    }
}
