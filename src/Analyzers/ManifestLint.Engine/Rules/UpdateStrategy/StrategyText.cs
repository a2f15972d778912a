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
    public static string? DidYouMean(string text, IEnumerable<string> candidates) =>
        Spelling.Closest(text, candidates) is { } closest && closest.Distance <= 2 && (closest.Distance == 0 || closest.Distance < text.Length)
            ? closest.Candidate
            : null;
}
