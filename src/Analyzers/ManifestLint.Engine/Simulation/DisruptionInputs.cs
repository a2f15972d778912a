using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Rules.Readiness;

namespace ManifestLint.Engine.Simulation;

/// <summary>A pod-owning controller among the inputs, as much of it as PodDisruptionBudget checks need.</summary>
/// <param name="Replicas">spec.replicas after defaulting; null for a DaemonSet, whose count is the node count.</param>
public sealed record InputWorkload(string Kind, string Namespace, string Name, IReadOnlyDictionary<string, string> TemplateLabels, long? Replicas)
{
    public override string ToString() => $"{Kind} {Name}";

    /// <summary>The controllers that own pods by a selector over their template's labels (k8s-semantics §1.7).</summary>
    public static InputWorkload? From(Resource resource)
    {
        if (LabelSelectorView.From(resource) is not { } view)
            return null;
        long? replicas = null;
        if (resource.Kind != "DaemonSet")
            replicas = view.Spec.Scalar("replicas") is { } scalar && scalar.TryGetInteger(out var value) ? value : 1;
        return new InputWorkload(resource.Kind, resource.Id.Namespace ?? "default", resource.Id.Name, view.TemplateLabels(), replicas);
    }
}

/// <summary>
/// The pod-owning controllers and PodDisruptionBudgets of a whole run, collected from every input file before the
/// rules that compare them run; holds strings only, never a file's YAML tree. Safe to fill from parallel workers.
/// </summary>
public sealed class DisruptionInputs
{
    private readonly object gate = new();
    // Sorted by file and position, so messages that list several objects read the same in every parallel run.
    private static readonly Comparer<(string Path, int Offset)> InputOrder = Comparer<(string Path, int Offset)>.Create(
        (a, b) => string.CompareOrdinal(a.Path, b.Path) is var byPath and not 0 ? byPath : a.Offset.CompareTo(b.Offset));

    private readonly SortedDictionary<(string Path, int Offset), InputWorkload> workloads = new(InputOrder);
    private readonly SortedDictionary<(string Path, int Offset), DisruptionBudget> budgets = new(InputOrder);

    /// <summary>Objects registered so far; a file checked while it was lower is checked again once all are in.</summary>
    public int Count
    {
        get
        {
            lock (gate)
                return workloads.Count + budgets.Count;
        }
    }

    /// <summary>The inputs of one loaded file, for a check that sees a single file.</summary>
    public static DisruptionInputs Of(LoadedFile loaded)
    {
        var inputs = new DisruptionInputs();
        inputs.Add(loaded.Resources);
        return inputs;
    }

    /// <summary>Registers the workloads and budgets among <paramref name="resources"/>; registering an object again changes nothing.</summary>
    public void Add(IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            var key = (resource.File.Path, resource.Root.Start.Offset);
            if (InputWorkload.From(resource) is { } workload)
            {
                lock (gate)
                    workloads[key] = workload;
            }
            else if (DisruptionBudget.From(resource) is { } budget)
            {
                // A budget keeps its tree alive; only its selector's match functions and numbers are needed, but
                // budgets are few and small next to the workloads they guard.
                lock (gate)
                    budgets[key] = budget;
            }
        }
    }

    /// <summary>The workloads in the budget's namespace whose pod template the budget selects, in input order.</summary>
    public IReadOnlyList<InputWorkload> SelectedBy(DisruptionBudget budget)
    {
        lock (gate)
            return workloads.Values.Where(workload => workload.Namespace == budget.Namespace && budget.Selects(workload.TemplateLabels)).ToArray();
    }

    /// <summary>Every workload in a namespace, for did-you-mean hints.</summary>
    public IReadOnlyList<InputWorkload> InNamespace(string @namespace)
    {
        lock (gate)
            return workloads.Values.Where(workload => workload.Namespace == @namespace).ToArray();
    }

    /// <summary>The budgets that select pods with these labels in a namespace, the eviction API's view of one pod.</summary>
    public IReadOnlyList<DisruptionBudget> BudgetsSelecting(string @namespace, IReadOnlyDictionary<string, string> labels)
    {
        lock (gate)
            return budgets.Values.Where(budget => budget.Namespace == @namespace && budget.Selects(labels)).ToArray();
    }
}
