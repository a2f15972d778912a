using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>What the scenarios around a replayed rollout add to its entry: the PodDisruptionBudgets that select it.</summary>
internal sealed record RolloutScenarios(IReadOnlyList<DisruptionReplay> Budgets)
{
    public static RolloutScenarios None { get; } = new([]);

    public bool IsEmpty => Budgets.Count == 0;

    /// <summary>Replays, for every simulated entry, the budgets among <paramref name="files"/> that select its pods.</summary>
    public static IReadOnlyList<RolloutEntry> Attach(IReadOnlyList<RolloutEntry> entries, IEnumerable<LoadedFile> files)
    {
        var inputs = new DisruptionInputs();
        foreach (var file in files)
            inputs.Add(file.Resources);

        var attached = new List<RolloutEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Result is not { } result || InputWorkload.From(result.Workload.Resource) is not { } workload)
            {
                attached.Add(entry);
                continue;
            }

            var budgets = new List<DisruptionReplay>();
            foreach (var budget in inputs.BudgetsSelecting(workload.Namespace, workload.TemplateLabels))
            {
                // The budget's other workloads keep their replicas; their pods count healthy throughout.
                var otherPods = inputs.SelectedBy(budget)
                    .Where(other => !(other.Kind == workload.Kind && other.Name == workload.Name))
                    .Sum(other => other.Replicas ?? 0);
                if (DisruptionReplay.Of(result, budget, otherPods) is { } replay)
                    budgets.Add(replay);
            }

            attached.Add(budgets.Count == 0 ? entry : entry with { Scenarios = new RolloutScenarios(budgets) });
        }

        return attached;
    }
}
