using System.Text;
using System.Text.RegularExpressions;

namespace ManifestLint.Engine.Configuration;

/// <summary>A path glob: <c>**</c> crosses directories, <c>*</c> and <c>?</c> do not. Paths use <c>/</c>.</summary>
public sealed class Glob
{
    private readonly Regex regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        regex = new Regex(ToRegex(Normalize(pattern)), RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    /// <summary>True when the path (relative to the configuration file) or one of its parent directories matches.</summary>
    public bool IsMatch(string relativePath) => regex.IsMatch(Normalize(relativePath));

    public static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
            normalized = normalized.Substring(2);
        return normalized;
    }

    private static string ToRegex(string pattern)
    {
        // "vendor/" names a directory, as in .gitignore: it matches like "vendor", whose matches include everything below.
        if (pattern.Length > 1 && pattern.EndsWith("/", StringComparison.Ordinal))
            pattern = pattern.TrimEnd('/');
        var builder = new StringBuilder("^");
        // A pattern without a slash matches a name at any depth, as .gitignore does.
        if (!pattern.Contains('/'))
            builder.Append("(?:.*/)?");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slashFollows = i + 2 < pattern.Length && pattern[i + 2] == '/';
                builder.Append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*')
            {
                builder.Append("[^/]*");
            }
            else if (c == '?')
            {
                builder.Append("[^/]");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        // A directory pattern excludes everything below it.
        builder.Append("(?:/.*)?$");
        return builder.ToString();
    }
}
