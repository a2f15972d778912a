using ManifestLint.Engine.Configuration;

namespace ManifestLint.Cli;

/// <summary>The <c>--max-…</c> options that override the configuration's <c>limits:</c>.</summary>
public static class LimitOptions
{
    public static IReadOnlyCollection<string> Names { get; } = InputLimits.OptionNames.Values.ToArray();

    public const string Usage = """
          --max-file-size BYTES              skip larger files with ML9005 (default: limits.maxFileSize, else 64 MB)
          --max-nesting-depth N              deepest nesting checked (default: limits.maxNestingDepth, else 1000)
          --max-documents N                  documents read per file (default: limits.maxDocuments, else 100000)
          --max-alias-nodes N                nodes aliases may bring into a document (default: 100000)
        """;

    public static LintConfiguration Apply(ArgumentReader reader, LintConfiguration configuration)
    {
        var limits = configuration.Limits;
        foreach (var (key, option) in InputLimits.OptionNames)
        {
            if (reader.Value(option) is not { } text)
                continue;
            if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value == 0)
                throw new UsageException($"{option} must be a positive integer, not '{text}'");
            limits.TryWith(key, value, out limits);
        }

        return configuration with { Limits = limits };
    }
}
