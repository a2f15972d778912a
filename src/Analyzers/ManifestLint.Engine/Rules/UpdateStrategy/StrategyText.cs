using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

/// <summary>Wording and did-you-mean helpers shared by the strategy rules.</summary>
internal static class StrategyText
{
    /// <summary>The strategy types the API server accepts for a kind (k8s-semantics §1.2–1.4).</summary>
    public static string[] ValidTypes(WorkloadKind kind) => kind == WorkloadKind.Deployment
        ? [Model.UpdateStrategy.RollingUpdateType, Model.UpdateStrategy.RecreateType]
        : [Model.UpdateStrategy.RollingUpdateType, Model.UpdateStrategy.OnDeleteType];

    public static string Plural(WorkloadKind kind) => kind switch
    {
        WorkloadKind.Deployment => "Deployments",
        WorkloadKind.DaemonSet => "DaemonSets",
        _ => "StatefulSets",
    };

    /// <summary>"1 replica", "3 replicas", with a note when the count is Kubernetes' default.</summary>
    public static string Replicas(Defaulted<long> replicas) =>
        (replicas.Value == 1 ? "1 replica" : $"{replicas.Value} replicas") + (replicas.IsDefault ? " (replicas defaults to 1)" : "");

    /// <summary>The candidate equal to <paramref name="text"/> ignoring case, else one within two edits, else null.</summary>
    public static string? DidYouMean(string text, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
                return candidate;
            var distance = EditDistance(text.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= 2 && bestDistance < text.Length ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
