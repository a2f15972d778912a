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
/// <remarks>
/// Indexed by namespace and label, so that comparing every budget with every workload stays close to linear in a
/// repository of many applications: a budget with <c>matchLabels</c> is compared only with the workloads that carry
/// its rarest pair.
/// </remarks>
public sealed class DisruptionInputs
{
    private readonly object gate = new();
    // Every list is kept in file and position order, so messages that list several objects read the same in every
    // parallel run.
    private static readonly Comparer<InputPlace> InputOrder = Comparer<InputPlace>.Create(
        (a, b) => string.CompareOrdinal(a.Path, b.Path) is var byPath and not 0 ? byPath : a.Offset.CompareTo(b.Offset));

    private readonly HashSet<InputPlace> registered = [];
    private readonly Dictionary<string, List<Placed<InputWorkload>>> workloadsByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<LabelInNamespace, List<Placed<InputWorkload>>> workloadsByLabel = [];
    // A budget is filed under its first matchLabels pair, which every pod it selects carries; one without is kept apart.
    private readonly Dictionary<LabelInNamespace, List<Placed<DisruptionBudget>>> budgetsByLabel = [];
    private readonly Dictionary<string, List<Placed<DisruptionBudget>>> budgetsWithoutLabels = new(StringComparer.Ordinal);

    // Answers that took a long walk, while no object is added: thousands of budgets over one selector, or over the pods
    // of one template, cost one walk, not one each.
    private const int RememberedFromCandidates = 16;
    private readonly Dictionary<(string Namespace, string Requirements), IReadOnlyList<InputWorkload>> selectedByRequirements = [];
    private readonly Dictionary<(string Namespace, string Labels), IReadOnlyList<DisruptionBudget>> selectingLabels = [];
    private int rememberedAtCount;

    /// <summary>Objects registered so far; a file checked while it was lower is checked again once all are in.</summary>
    public int Count
    {
        get
        {
            lock (gate)
                return registered.Count;
        }
    }

    /// <summary>Registers the workloads and budgets among <paramref name="resources"/>; registering an object again changes nothing.</summary>
    public void Add(IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            var place = new InputPlace(resource.File.Path, resource.Root.Start.Offset);
            if (InputWorkload.From(resource) is { } workload)
            {
                lock (gate)
                {
                    if (!registered.Add(place))
                        continue;
                    var placed = new Placed<InputWorkload>(place, workload);
                    Insert(workloadsByNamespace, workload.Namespace, placed);
                    foreach (var label in workload.TemplateLabels)
                        Insert(workloadsByLabel, new LabelInNamespace(workload.Namespace, label.Key, label.Value), placed);
                }
            }
            else if (DisruptionBudget.From(resource) is { } budget)
            {
                // A budget keeps its own document's nodes alive, for the rules' positions, never its file's text.
                lock (gate)
                {
                    if (!registered.Add(place))
                        continue;
                    var placed = new Placed<DisruptionBudget>(place, budget);
                    if (budget.MatchLabels.Count > 0)
                        Insert(budgetsByLabel, new LabelInNamespace(budget.Namespace, budget.MatchLabels[0].Key, budget.MatchLabels[0].Value), placed);
                    else
                        Insert(budgetsWithoutLabels, budget.Namespace, placed);
                }
            }
        }
    }

    /// <summary>The workloads in the budget's namespace whose pod template the budget selects, in input order.</summary>
    public IReadOnlyList<InputWorkload> SelectedBy(DisruptionBudget budget)
    {
        if (budget.Requirements is null)
            return [];
        lock (gate)
        {
            ForgetIfAdded();
            if (selectedByRequirements.TryGetValue((budget.Namespace, budget.Requirements), out var remembered))
                return remembered;
            List<Placed<InputWorkload>>? candidates = null;
            foreach (var label in budget.MatchLabels)
            {
                if (!workloadsByLabel.TryGetValue(new LabelInNamespace(budget.Namespace, label.Key, label.Value), out var carriers))
                    return [];
                if (candidates is null || carriers.Count < candidates.Count)
                    candidates = carriers;
            }

            if (candidates is null && !workloadsByNamespace.TryGetValue(budget.Namespace, out candidates))
                return [];
            var selected = new List<InputWorkload>();
            foreach (var candidate in candidates)
            {
                if (budget.Selects(candidate.Value.TemplateLabels))
                    selected.Add(candidate.Value);
            }

            if (candidates.Count >= RememberedFromCandidates)
                selectedByRequirements[(budget.Namespace, budget.Requirements)] = selected;
            return selected;
        }
    }

    /// <summary>Every workload in a namespace, for did-you-mean hints.</summary>
    public IReadOnlyList<InputWorkload> InNamespace(string @namespace)
    {
        lock (gate)
            return workloadsByNamespace.TryGetValue(@namespace, out var workloads) ? workloads.ConvertAll(workload => workload.Value) : [];
    }

    /// <summary>The budgets that select pods with these labels in a namespace, the eviction API's view of one pod.</summary>
    public IReadOnlyList<DisruptionBudget> BudgetsSelecting(string @namespace, IReadOnlyDictionary<string, string> labels)
    {
        lock (gate)
        {
            ForgetIfAdded();
            // The key is built only when an answer was or will be remembered: most walks are short.
            if (selectingLabels.Count > 0 && selectingLabels.TryGetValue((@namespace, LabelsKey(labels)), out var remembered))
                return remembered;
            var selecting = new List<Placed<DisruptionBudget>>();
            var listsWithMatches = 0;
            var candidates = 0;
            if (budgetsWithoutLabels.TryGetValue(@namespace, out var unfiled))
            {
                candidates += unfiled.Count;
                if (AddSelecting(unfiled, labels, selecting))
                    listsWithMatches++;
            }

            foreach (var label in labels)
            {
                if (!budgetsByLabel.TryGetValue(new LabelInNamespace(@namespace, label.Key, label.Value), out var filed))
                    continue;
                candidates += filed.Count;
                if (AddSelecting(filed, labels, selecting))
                    listsWithMatches++;
            }

            // Each budget is filed once, and each list is in input order: only matches from several lists need a sort.
            if (listsWithMatches > 1)
                selecting.Sort((a, b) => InputOrder.Compare(a.Place, b.Place));
            var budgets = selecting.ConvertAll(budget => budget.Value);
            if (candidates >= RememberedFromCandidates)
                selectingLabels[(@namespace, LabelsKey(labels))] = budgets;
            return budgets;
        }
    }

    private void ForgetIfAdded()
    {
        if (registered.Count == rememberedAtCount)
            return;
        selectedByRequirements.Clear();
        selectingLabels.Clear();
        rememberedAtCount = registered.Count;
    }

    // Length-prefixed, so that no two label sets share a key whatever their keys and values hold.
    private static string LabelsKey(IReadOnlyDictionary<string, string> labels)
    {
        var key = new System.Text.StringBuilder();
        foreach (var label in labels.OrderBy(label => label.Key, StringComparer.Ordinal))
            key.Append(label.Key.Length).Append(':').Append(label.Key).Append(label.Value.Length).Append(':').Append(label.Value);
        return key.ToString();
    }

    /// <summary>Adds the budgets that select pods with these labels; true when there was one.</summary>
    private static bool AddSelecting(List<Placed<DisruptionBudget>> budgets, IReadOnlyDictionary<string, string> labels, List<Placed<DisruptionBudget>> selecting)
    {
        var before = selecting.Count;
        foreach (var budget in budgets)
        {
            if (budget.Value.Selects(labels))
                selecting.Add(budget);
        }

        return selecting.Count > before;
    }

    /// <summary>Adds to the list at <paramref name="key"/>, keeping it in input order.</summary>
    private static void Insert<TKey, T>(Dictionary<TKey, List<Placed<T>>> index, TKey key, Placed<T> placed)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        int low = 0, high = list.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (InputOrder.Compare(list[middle].Place, placed.Place) < 0)
                low = middle + 1;
            else
                high = middle;
        }

        list.Insert(low, placed);
    }

    private readonly record struct InputPlace(string Path, int Offset);

    private readonly record struct LabelInNamespace(string Namespace, string Key, string Value);

    private readonly record struct Placed<T>(InputPlace Place, T Value);
}
