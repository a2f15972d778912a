using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;

namespace ManifestLint.Cli;

/// <summary><c>--select</c> and <c>--ignore</c>: rule lists on the command line, over the configuration's levels.</summary>
public static class RuleSelection
{
    /// <summary>
    /// <paramref name="select"/> keeps only the named rules (a rule that is off by default is switched on at
    /// warning level), <paramref name="ignore"/> switches the named rules off; ignore wins over select.
    /// </summary>
    public static LintConfiguration Apply(LintConfiguration configuration, string? select, string? ignore)
    {
        if (select is null && ignore is null)
            return configuration;
        var levels = new Dictionary<string, RuleLevel>(StringComparer.Ordinal);
        foreach (var rule in RuleCatalog.Descriptors)
            levels[rule.Id] = configuration.LevelOf(rule);

        if (select is not null)
        {
            var selected = Resolve("--select", select);
            foreach (var rule in RuleCatalog.Descriptors)
            {
                if (!selected.Contains(rule.Id))
                    levels[rule.Id] = RuleLevel.Off;
                else if (levels[rule.Id] == RuleLevel.Off)
                    levels[rule.Id] = RuleLevel.Warning;
            }
        }

        if (ignore is not null)
        {
            foreach (var id in Resolve("--ignore", ignore))
                levels[id] = RuleLevel.Off;
        }

        return configuration with { RuleLevels = levels };
    }

    // Each entry is an ID, a name or an ID prefix (ML4 = every ML4xxx rule), as in ruff's --select.
    private static HashSet<string> Resolve(string option, string list)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in list.Split(',').Select(entry => entry.Trim()))
        {
            if (entry.Length == 0)
                throw new UsageException($"{option} has an empty entry in '{list}'");
            if (RuleCatalog.Find(entry) is { } rule)
            {
                ids.Add(rule.Id);
                continue;
            }

            var family = RuleCatalog.Descriptors.Where(descriptor => descriptor.Id.StartsWith(entry.ToUpperInvariant(), StringComparison.Ordinal) && entry.Length >= 2).ToArray();
            if (family.Length == 0)
                throw new UsageException($"{option}: unknown rule '{entry}'{Spelling.Hint(entry, RuleCatalog.Descriptors.SelectMany(known => new[] { known.Id, known.Name }))}; see manifestlint rules");
            ids.UnionWith(family.Select(descriptor => descriptor.Id));
        }

        return ids;
    }
}
