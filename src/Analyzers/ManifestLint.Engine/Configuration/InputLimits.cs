namespace ManifestLint.Engine.Configuration;

/// <summary>
/// Bounds on what one input may make the linter do, so no file can hang a run or exhaust memory. Each is set under
/// <c>limits:</c> in <c>.manifestlint.yaml</c> or by the CLI option in <see cref="OptionNames"/>.
/// </summary>
/// <param name="MaxFileBytes">Largest file read, in bytes.</param>
/// <param name="MaxNestingDepth">Deepest nesting of mappings and sequences, aliases expanded.</param>
/// <param name="MaxDocuments">Most <c>---</c> documents in one file.</param>
/// <param name="MaxAliasNodes">Most nodes that the aliases of one document may bring in, counted as if expanded.</param>
public sealed record InputLimits(
    long MaxFileBytes = InputLimits.DefaultMaxFileBytes,
    int MaxNestingDepth = 1000,
    int MaxDocuments = 100000,
    int MaxAliasNodes = 100000)
{
    public const long DefaultMaxFileBytes = 64L * 1024 * 1024;

    public const string FileSizeKey = "maxFileSize";
    public const string NestingDepthKey = "maxNestingDepth";
    public const string DocumentsKey = "maxDocuments";
    public const string AliasNodesKey = "maxAliasNodes";

    public static InputLimits Default { get; } = new();

    /// <summary>The CLI option for each configuration key.</summary>
    public static IReadOnlyDictionary<string, string> OptionNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FileSizeKey] = "--max-file-size",
        [NestingDepthKey] = "--max-nesting-depth",
        [DocumentsKey] = "--max-documents",
        [AliasNodesKey] = "--max-alias-nodes",
    };

    /// <summary>How a message tells the user to raise the limit named by <paramref name="key"/>.</summary>
    public static string HowToRaise(string key) => $"raise it with `limits: {{{key}: N}}` in .manifestlint.yaml or {OptionNames[key]} N";

    /// <summary>Returns a copy with the limit named by <paramref name="key"/> set; false for an unknown key.</summary>
    public bool TryWith(string key, long value, out InputLimits limits)
    {
        var asInt = (int)Math.Min(value, int.MaxValue);
        limits = key switch
        {
            FileSizeKey => this with { MaxFileBytes = value },
            NestingDepthKey => this with { MaxNestingDepth = asInt },
            DocumentsKey => this with { MaxDocuments = asInt },
            AliasNodesKey => this with { MaxAliasNodes = asInt },
            _ => this,
        };
        return OptionNames.ContainsKey(key);
    }
}
