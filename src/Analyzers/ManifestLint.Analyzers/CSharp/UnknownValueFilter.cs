using ManifestLint.Engine;

namespace ManifestLint.Analyzers.CSharp;

/// <summary>
/// Keeps a finding on a C# object only when every field its rule reads is known. Unknown values are left out of the
/// tree, so a rule that reads one would judge a default or report it "missing": this filter drops those findings.
/// A rule not listed here depends on the whole object and stays quiet when anything in it is unknown.
/// </summary>
internal static class UnknownValueFilter
{
    // "@item": the list item (container, toleration) the finding is in; "@list": that whole list; others: paths.
    private const string Item = "@item";
    private const string List = "@list";
    private static readonly string[] Strategy = ["spec.strategy", "spec.updateStrategy", "apiVersion"];
    private static readonly string[] StrategyAndReplicas = [.. Strategy, "spec.replicas"];

    private static readonly Dictionary<string, string[]> DependsOn = new(StringComparer.Ordinal)
    {
        ["ML1001"] = Strategy, ["ML1002"] = Strategy, ["ML1003"] = Strategy, ["ML1004"] = Strategy, ["ML1008"] = Strategy,
        ["ML1005"] = StrategyAndReplicas, ["ML1007"] = StrategyAndReplicas,
        ["ML2001"] = Strategy, ["ML2002"] = Strategy, ["ML2004"] = Strategy, ["ML2009"] = Strategy, ["ML2010"] = Strategy,
        ["ML2003"] = StrategyAndReplicas, ["ML2005"] = StrategyAndReplicas, ["ML2006"] = StrategyAndReplicas, ["ML2007"] = StrategyAndReplicas,
        ["ML2008"] = [.. Strategy, "spec.template.spec"],
        ["ML3001"] = [Item], ["ML3002"] = [Item], ["ML3003"] = [Item], ["ML3004"] = [Item], ["ML3005"] = [Item],
        ["ML3006"] = [Item], ["ML3008"] = [Item], ["ML3010"] = [Item],
        ["ML3007"] = [List], ["ML3009"] = [List],
        ["ML4001"] = [Item], ["ML4002"] = [Item], ["ML4003"] = [Item], ["ML4004"] = [Item], ["ML4005"] = [Item],
        ["ML4006"] = [Item], ["ML4007"] = [Item],
        ["ML5001"] = ["spec.progressDeadlineSeconds", "spec.minReadySeconds"],
        ["ML5002"] = ["spec.revisionHistoryLimit"],
        ["ML5003"] = [Item, .. Strategy],
        ["ML5004"] = ["spec.selector", "spec.template.metadata"],
        ["ML5005"] = ["spec.selector", "spec.template.metadata"],
        ["ML5006"] = ["spec.replicas", "spec.minReadySeconds", "spec.revisionHistoryLimit"],
        ["ML5007"] = ["spec.revisionHistoryLimit"],
        ["ML5008"] = [Item], ["ML5009"] = [Item],
        ["ML7001"] = ["apiVersion"],
    };

    /// <summary>True when <paramref name="finding"/> may depend on one of <paramref name="unknowns"/>.</summary>
    public static bool DependsOnUnknown(Finding finding, IReadOnlyList<UnknownValue> unknowns)
    {
        if (unknowns.Count == 0)
            return false;
        if (finding.Path is not { } path || !DependsOn.TryGetValue(finding.Rule.Id, out var dependencies))
            return true;
        foreach (var dependency in dependencies)
        {
            var resolved = dependency switch
            {
                Item => ItemOf(path),
                List => ListOf(path),
                _ => dependency,
            };
            if (resolved is null)
                return true;
            foreach (var unknown in unknowns)
            {
                if (Overlaps(resolved, unknown))
                    return true;
            }
        }

        return false;
    }

    /// <summary>The dependency and the unknown share fields: one lies inside the other.</summary>
    internal static bool Overlaps(string dependency, UnknownValue unknown)
    {
        // Some items of a list are unknown: only a rule that reads the whole list (or more) is affected.
        if (unknown.ItemsOnly)
            return unknown.Path.Length == 0 || dependency.Length == 0 || IsWithin(unknown.Path, dependency);
        return unknown.Path.Length == 0 || IsWithin(unknown.Path, dependency) || IsWithin(dependency, unknown.Path);
    }

    private static bool IsWithin(string path, string ancestor) =>
        path.StartsWith(ancestor, StringComparison.Ordinal) &&
        (path.Length == ancestor.Length || path[ancestor.Length] is '.' or '[');

    private static string? ItemOf(string path)
    {
        var end = path.IndexOf(']');
        return end < 0 ? null : path.Substring(0, end + 1);
    }

    private static string? ListOf(string path)
    {
        var start = path.IndexOf('[');
        return start < 0 ? null : path.Substring(0, start);
    }
}
