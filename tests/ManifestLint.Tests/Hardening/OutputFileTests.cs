using ManifestLint.Cli;
using ManifestLint.Engine.Reporting;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Hardening;

/// <summary>Reports are written whole or not at all, never over an input, with plain messages for every failure.</summary>
public sealed class OutputFileTests
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: \"nginx:latest\"}]}\n";

    [Fact]
    public void Output_over_an_input_is_refused_and_the_input_kept()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("self.yaml", Pod);
        var run = CliRunner.Run(directory.Path, "check", "self.yaml", "--output", "self.yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("self.yaml: refusing to write the report over one of the inputs", run.Stderr);
        Assert.Equal(Pod, File.ReadAllText(path));
    }

    [Fact]
    public void Parent_folders_are_created()
    {
        using var directory = new TempDirectory();
        directory.Write("pod.yaml", Pod);
        var run = CliRunner.Run(directory.Path, "check", "pod.yaml", "--format", "json", "--output", "reports/deep/out.json");
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("ML4005", File.ReadAllText(Path.Combine(directory.Path, "reports", "deep", "out.json")));
    }

    [Fact]
    public void Directory_target_is_a_plain_message()
    {
        using var directory = new TempDirectory();
        directory.Write("pod.yaml", Pod);
        Directory.CreateDirectory(Path.Combine(directory.Path, "out"));
        var run = CliRunner.Run(directory.Path, "check", "pod.yaml", "--output", "out");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("manifestlint: out: cannot write: it is a directory\n", run.Stderr);
    }

    [Fact]
    public void Failed_write_leaves_the_old_report_and_no_temporary_file()
    {
        using var directory = new TempDirectory();
        var target = directory.Write("report.json", "old report");
        Assert.Throws<IOException>(() => ReportFile.Write(target, writer =>
        {
            writer.Write("half a rep");
            throw new IOException("disk full");
        }));
        Assert.Equal("old report", File.ReadAllText(target));
        Assert.Equal(["report.json"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));

        ReportFile.Write(target, writer => writer.Write("new report"));
        Assert.Equal("new report", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Failed_stdout_write_is_a_plain_message()
    {
        var stderr = new StringWriter();
        var environment = new CliEnvironment(new StringReader(string.Empty), new BrokenWriter(), stderr, Path.GetTempPath(), false, _ => null);
        var exception = Assert.Throws<UsageException>(() => OutputFile.Write(null, environment, writer => writer.Write("report")));
        Assert.Equal("cannot write to standard output: Broken pipe", exception.Message);
    }

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(string? value) => throw new IOException("Broken pipe");
    }
}
