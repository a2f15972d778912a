using System.Text;
using ManifestLint.Engine;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Tests.Performance;

/// <summary>
/// The speed-ups of the loader and linter (indexed mapping lookups, lazily read sources, the one-file path) must
/// not change what is found or where.
/// </summary>
public sealed class LoaderFastPathTests
{
    [Fact]
    public void Large_mapping_reports_a_duplicate_key_at_its_second_occurrence_and_keeps_the_first_value()
    {
        var yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n");
        for (var i = 0; i < 40; i++)
            yaml.Append("  key").Append(i).Append(": \"").Append(i).Append("\"\n");
        yaml.Append("  key7: \"again\"\n");

        var loaded = ManifestLoader.Load(new SourceFile("big.yaml", yaml.ToString()));

        var duplicate = Assert.Single(loaded.Problems);
        Assert.Equal("ML9002", duplicate.RuleId);
        Assert.Equal(46, duplicate.Start.Line);
        Assert.Equal(3, duplicate.Start.Column);
        Assert.Contains("first defined at line 13", duplicate.Message, StringComparison.Ordinal);
        var data = Assert.Single(loaded.Resources).Root.Mapping("data")!;
        Assert.Equal(40, data.Entries.Count);
        Assert.Equal("7", data.String("key7"));
        Assert.Equal("39", data.String("key39"));
        Assert.Equal(45, data.KeyNode("key39")!.Start.Line);
        Assert.Null(data["key40"]);
    }

    [Fact]
    public void Merge_keys_into_a_large_mapping_do_not_override_explicit_keys()
    {
        var yaml = new StringBuilder("defaults: &defaults\n  shared: from-anchor\n  extra: merged\nbig:\n  <<: *defaults\n");
        for (var i = 0; i < 12; i++)
            yaml.Append("  k").Append(i).Append(": v\n");
        yaml.Append("  shared: explicit\n");

        var loaded = ManifestLoader.Load(new SourceFile("merge.yaml", yaml.ToString()));

        Assert.Empty(loaded.Problems);
        Assert.Empty(loaded.Resources);
        var tree = YamlTreeReader.Read(yaml.ToString());
        var big = ((ManifestMapping)tree.Documents[0]!).Mapping("big")!;
        Assert.Equal("explicit", big.String("shared"));
        Assert.Equal("merged", big.String("extra"));
        Assert.Equal(14, big.Entries.Count);
    }

    [Fact]
    public void Lazily_read_sources_give_the_same_result_as_sources_read_up_front()
    {
        var files = Directory.EnumerateFiles(Path.Combine(TestSupport.RepositoryRoot, "samples"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceFile(Path.GetRelativePath(TestSupport.RepositoryRoot, path), File.ReadAllText(path)))
            .ToArray();
        Assert.True(files.Length > 2);
        var linter = new Linter();

        var upFront = linter.Lint(files);
        var lazy = linter.Lint(files.Length, index => files[index]);

        Assert.NotEmpty(upFront.Findings);
        Assert.Equal(Describe(upFront), Describe(lazy));
        Assert.Equal(upFront.Resources, lazy.Resources);
        Assert.Equal(upFront.Files, lazy.Files);
    }

    [Fact]
    public void A_source_that_cannot_be_read_surfaces_its_own_exception_not_an_AggregateException()
    {
        var linter = new Linter();

        var exception = Assert.Throws<FileNotFoundException>(() => linter.Lint(
            5,
            index => index == 3 ? throw new FileNotFoundException("gone", "d.yaml") : new SourceFile($"{index}.yaml", "a: 1\n")));

        Assert.Equal("d.yaml", exception.FileName);
    }

    [Fact]
    public void One_file_is_linted_like_the_same_file_among_others()
    {
        var broken = new SourceFile("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
        var other = new SourceFile("other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        var linter = new Linter();

        var alone = linter.Lint([broken]);
        var together = linter.Lint([broken, other]);

        Assert.Equal(Describe(alone), Describe(together));
        Assert.Equal(1, alone.Resources);
        Assert.Equal(2, together.Resources);
    }

    private static string[] Describe(LintResult result) =>
        result.Findings.Select(finding => $"{finding.File}:{finding.Start.Line}:{finding.Start.Column}-{finding.End.Line}:{finding.End.Column} {finding.Rule.Id} {finding.Message}").ToArray();
}
