using System.Diagnostics;
using System.Text;
using ManifestLint.Tests.Cli;

namespace ManifestLint.Tests.Hardening;

/// <summary>What the CLI opens: regular files only, each directory once, and nothing dropped without a word.</summary>
public sealed class InputWalkTests
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: \"nginx:latest\"}]}\n";

    [Fact]
    public void Symlink_loops_are_walked_once()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var directory = new TempDirectory();
        directory.Write("manifests/pod.yaml", Pod);
        // One link made the folder's files be linted 41 times; two made the walk exponential.
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "manifests", "self"), Path.Combine(directory.Path, "manifests"));
        Directory.CreateSymbolicLink(Path.Combine(directory.Path, "manifests", "again"), Path.Combine(directory.Path, "manifests"));
        var run = CliRunner.Run(directory.Path, "check", "manifests", "--format", "json");
        Assert.Equal(1, run.Stdout.Split("\"ML4005\"").Length - 1);
    }

    [Fact]
    public void Fifo_is_reported_and_skipped_whether_named_or_found()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return;
        using var directory = new TempDirectory();
        directory.Write("manifests/pod.yaml", Pod);
        var fifo = Path.Combine(directory.Path, "manifests", "x.yaml");
        using (var mkfifo = Process.Start("mkfifo", fifo))
            mkfifo.WaitForExit();

        var walked = CliRunner.Run(directory.Path, "check", "manifests");
        Assert.Contains("warning: manifests/x.yaml: not checked: not a regular file", walked.Stderr);
        Assert.Contains("manifests/pod.yaml:4:", walked.Stdout);

        var named = CliRunner.Run(directory.Path, "check", "manifests/x.yaml", "manifests/pod.yaml");
        Assert.Contains("warning: manifests/x.yaml: not checked: not a regular file", named.Stderr);
        Assert.Contains("manifests/pod.yaml:4:", named.Stdout);
    }

    [Fact]
    public void Devices_are_never_read()
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var directory = new TempDirectory();
        var run = CliRunner.Run(directory.Path, "check", "/dev/zero", "/dev/urandom");
        Assert.Contains("warning: /dev/zero: not checked", run.Stderr);
        Assert.Contains("warning: /dev/urandom: not checked", run.Stderr);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Explicit_path_dropped_by_exclude_is_reported_without_verbose()
    {
        using var directory = new TempDirectory();
        directory.Write(".manifestlint.yaml", "exclude: [\"generated/**\"]\n");
        directory.Write("generated/pod.yaml", Pod);
        var named = CliRunner.Run(directory.Path, "check", "generated/pod.yaml");
        Assert.Contains("warning: generated/pod.yaml: not checked: excluded by 'generated/**'", named.Stderr);
        Assert.Equal(0, named.ExitCode);
        // Found by walking a folder, an excluded file is what the user asked for: no warning.
        Assert.DoesNotContain("warning", CliRunner.Run(directory.Path, "check", ".").Stderr);
    }

    [Fact]
    public void Binary_file_with_braces_is_reported_not_skipped_as_a_helm_template()
    {
        using var directory = new TempDirectory();
        File.WriteAllBytes(Path.Combine(directory.Path, "blob.yaml"), [.. "kind: {{ x }}\n"u8, 0x00, 0x01, .. "}}"u8]);
        var run = CliRunner.Run(directory.Path, "check", "blob.yaml");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("blob.yaml:2:1: error[ML9001] not a text file: binary content (a NUL byte) at byte offset 14", run.Stdout);
        Assert.DoesNotContain("Helm", run.Stderr);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_byte_offset()
    {
        using var directory = new TempDirectory();
        File.WriteAllBytes(Path.Combine(directory.Path, "latin1.yaml"), [.. "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf"u8, 0xE9, .. "}\n"u8]);
        var run = CliRunner.Run(directory.Path, "check", "latin1.yaml");
        Assert.Contains("latin1.yaml:3:21: error[ML9001] not a text file: invalid UTF-8 at byte offset 51", run.Stdout);
    }

    [Fact]
    public void Bom_and_utf16_files_are_read_as_text()
    {
        using var directory = new TempDirectory();
        File.WriteAllBytes(Path.Combine(directory.Path, "bom.yaml"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Pod)]);
        File.WriteAllBytes(Path.Combine(directory.Path, "utf16.yaml"), [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Pod)]);
        var run = CliRunner.Run(directory.Path, "check", "bom.yaml", "utf16.yaml", "--format", "json");
        Assert.Equal(2, run.Stdout.Split("\"ML4005\"").Length - 1);
        Assert.DoesNotContain("ML9001", run.Stdout);
    }
}
