namespace ManifestLint.Engine.Loading;

/// <summary>The text of one input: a file, or standard input shown as <c>-</c>.</summary>
/// <param name="Path">The path as findings should show it (relative to the working directory when possible).</param>
/// <param name="Text">The whole content.</param>
public sealed record SourceFile(string Path, string Text)
{
    public const string StandardInputPath = "<stdin>";

    /// <summary>Why the content could not be read as text (too large, binary, invalid UTF-8); <see cref="Text"/> is then empty.</summary>
    public LoadProblem? ReadProblem { get; init; }
}

/// <summary>A comment in a source file; suppression comments are read from these.</summary>
public sealed record SourceComment(string Text, SourcePosition Start, bool IsInline);

/// <summary>A problem found while reading the input itself (ML9001 syntax, ML9002 duplicate key).</summary>
public sealed record LoadProblem(string RuleId, string Message, SourcePosition Start, SourcePosition End);
