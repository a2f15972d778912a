using ManifestLint.Engine;
using ManifestLint.Engine.Reporting;

namespace ManifestLint.Cli.Commands;

/// <summary><c>manifestlint explain ID|NAME</c>: a rule's documentation, as rules.md shows it.</summary>
public static class ExplainCommand
{
    public const string Usage = """
        Usage: manifestlint explain ID|NAME

        Prints a rule's documentation: what it flags, why it matters, an example and its fix.
        ID or name, e.g. ML9002 or duplicate-key.
        """;

    private static readonly string[] Flags = ["--help", "-h"];

    public static int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var reader = new ArgumentReader(args, [], Flags);
        if (reader.Flag("--help") || reader.Flag("-h"))
        {
            environment.Stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        if (reader.Positionals.Count != 1)
            throw new UsageException("explain takes one rule ID or name, e.g. manifestlint explain ML9002");

        var query = reader.Positionals[0];
        var rule = RuleCatalog.Find(query) ?? throw new UsageException(UnknownRuleMessage(query));
        var output = environment.Stdout;
        output.Write($"{rule.Id} {rule.Name}: {rule.Title}\n");
        output.Write($"Level: {rule.Level.ToText()} · Rejected by the API server: {(rule.RejectedByApiServer ? "yes" : "no")} · Since: {rule.Since}\n");
        output.Write($"Documentation: {ReportOptions.DefaultRulesDocumentUri}#{rule.Anchor}\n\n");
        output.Write(rule.Docs.Trim().Replace("\r\n", "\n"));
        output.Write('\n');
        return ExitCodes.Success;
    }

    /// <summary>One line: the unknown rule and up to three close IDs or names.</summary>
    public static string UnknownRuleMessage(string query)
    {
        var suggestions = Suggestions(query);
        var hint = suggestions.Count == 0
            ? "run 'manifestlint rules' to list every rule"
            : $"did you mean {string.Join(", ", suggestions.Select(rule => $"{rule.Id} ({rule.Name})"))}?";
        return $"unknown rule '{query}'; {hint}";
    }

    /// <summary>Rules whose ID or name is a small edit away from <paramref name="query"/>, or contains it.</summary>
    public static IReadOnlyList<RuleDescriptor> Suggestions(string query)
    {
        var needle = query.Trim().ToLowerInvariant();
        if (needle.Length == 0)
            return [];
        return RuleCatalog.Descriptors
            .Select(rule => (Rule: rule, Distance: Math.Min(Spelling.EditDistance(needle, rule.Id.ToLowerInvariant()), Spelling.EditDistance(needle, rule.Name))))
            .Where(candidate => candidate.Distance <= Math.Max(2, needle.Length / 3) || (needle.Length >= 4 && candidate.Rule.Name.Contains(needle, StringComparison.Ordinal)))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Rule.Id, StringComparer.Ordinal)
            .Take(3)
            .Select(candidate => candidate.Rule)
            .ToArray();
    }
}
