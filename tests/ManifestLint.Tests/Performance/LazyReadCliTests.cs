using ManifestLint.Cli;

namespace ManifestLint.Tests.Performance;

/// <summary>Files are read on the lint workers now; a file that cannot be read must still end the run with exit code 2.</summary>
public sealed class LazyReadCliTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("manifestlint-lazy-read-").FullName;

    [Fact]
    public void An_unreadable_file_among_others_exits_2_with_one_line_naming_it()
    {
        File.WriteAllText(Path.Combine(directory, "a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        File.CreateSymbolicLink(Path.Combine(directory, "b.yaml"), Path.Combine(directory, "missing-target.yaml"));
        File.WriteAllText(Path.Combine(directory, "c.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment(new StringReader(string.Empty), stdout, stderr, directory, false, _ => null);

        var exitCode = ManifestLintCli.Run(["check", "."], environment);

        Assert.Equal(ExitCodes.UsageOrInputError, exitCode);
        var message = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("manifestlint: ", message, StringComparison.Ordinal);
        Assert.Contains("b.yaml: cannot read", message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.ToString());
    }

    [Fact]
    public void Standard_input_and_files_are_linted_together()
    {
        File.WriteAllText(Path.Combine(directory, "a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
        var stdout = new StringWriter();
        var environment = new CliEnvironment(new StringReader("a: [1, 2\nb: c\n"), stdout, new StringWriter(), directory, false, _ => null);

        var exitCode = ManifestLintCli.Run(["check", "a.yaml", "-"], environment);

        Assert.Equal(ExitCodes.FindingsReported, exitCode);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("<stdin>:", lines[0], StringComparison.Ordinal);
        Assert.Contains("error[ML9001]", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("a.yaml:5:3: error[ML9002]", lines[1], StringComparison.Ordinal);
        Assert.Equal("2 errors, 0 warnings, 0 infos in 2 files (1 resource)", lines[2]);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
