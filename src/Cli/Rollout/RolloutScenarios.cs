using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary>
/// What the scenarios around a replayed rollout add to its entry: the PodDisruptionBudgets that select it, and the
/// room its new pods find on the nodes described.
/// </summary>
internal sealed record RolloutScenarios(IReadOnlyList<DisruptionReplay> Budgets, NodeCapacityReport? Capacity = null, NodeLossReport? NodeLoss = null)
{
    public static RolloutScenarios None { get; } = new([]);

    /// <summary>The rollout cannot finish on the nodes described, although the replay itself assumed room.</summary>
    public bool Stalls => Capacity is { Stalls: true };

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

            var capacity = NodeCapacityReport.Of(result);
            var loss = result.Options.LostNodes is { } lost ? NodeLossReport.Of(result, lost, Math.Min(result.Options.LostAtStep, result.Steps.Count)) : null;
            attached.Add(budgets.Count == 0 && capacity is null && loss is null ? entry : entry with { Scenarios = new RolloutScenarios(budgets, capacity, loss) });
        }

        return attached;
    }
}
