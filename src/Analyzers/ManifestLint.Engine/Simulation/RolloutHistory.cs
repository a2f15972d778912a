using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>A version of the manifest: a commit (or the working tree) and the objects it held.</summary>
/// <param name="Label">The short commit id, or <c>working tree</c>.</param>
/// <param name="Unreadable">Why the file could not be read as a whole (a YAML syntax error, a limit), or null:
/// <c>kubectl apply</c> refuses such a file, so this version changes nothing.</param>
public sealed record ManifestVersion(string Label, string? Commit, DateTimeOffset? Date, string Subject, IReadOnlyList<Resource> Resources, string? Unreadable = null)
{
    public static ManifestVersion From(string label, string? commit, DateTimeOffset? date, string subject, LoadedFile loaded)
    {
        var unreadable = loaded.Problems.Count == 0 ? null : $"{loaded.Problems[0].RuleId} at line {loaded.Problems[0].Start.Line}: {loaded.Problems[0].Message}";
        return new ManifestVersion(label, commit, date, subject, loaded.Resources, unreadable);
    }
}

/// <summary>One revision of a workload, as its ReplicaSet or ControllerRevision records it.</summary>
public sealed class HistoryRevision
{
    internal HistoryRevision(int number, ContentDigest template, Workload workload, ManifestVersion version, string? changeCause)
    {
        Number = number;
        Template = template;
        Workload = workload;
        FirstApplied = version;
        LastApplied = version;
        ChangeCause = changeCause;
    }

    /// <summary>The revision number <c>kubectl rollout history</c> shows; re-applying the template renumbers it.</summary>
    public int Number { get; internal set; }

    /// <summary>Numbers this revision had before it was applied again.</summary>
    public List<int> FormerNumbers { get; } = [];

    /// <summary>Digest of the defaulted pod template: one revision per distinct template.</summary>
    public ContentDigest Template { get; }

    /// <summary>The workload as last applied with this template.</summary>
    public Workload Workload { get; internal set; }

    public ManifestVersion FirstApplied { get; }

    public ManifestVersion LastApplied { get; internal set; }

    /// <summary>The <c>kubernetes.io/change-cause</c> annotation the revision carries.</summary>
    public string? ChangeCause { get; internal set; }

    /// <summary>The version at which the controller deleted this revision (revisionHistoryLimit), or null.</summary>
    public ManifestVersion? PrunedAt { get; internal set; }

    public IReadOnlyList<string> Images => PodSpecImages(Workload);

    internal static IReadOnlyList<string> PodSpecImages(Workload workload) =>
        new[] { "initContainers", "containers" }
            .SelectMany(field => workload.TemplateSpec?.Sequence(field)?.Items.OfType<ManifestMapping>() ?? [])
            .Select(container => container.String("image") ?? "(no image)")
            .ToArray();
}

/// <summary>What one version did to the workload when applied.</summary>
public sealed record HistoryEvent(ManifestVersion Version, string Message);

/// <summary>The revisions of one workload after applying every version in order.</summary>
public sealed class WorkloadHistory
{
    internal WorkloadHistory(ResourceId id) => Id = id;

    public ResourceId Id { get; }

    public WorkloadKind Kind { get; internal set; }

    /// <summary>Revisions the cluster keeps, oldest number first; the last is the current one.</summary>
    public List<HistoryRevision> Revisions { get; } = [];

    /// <summary>Revisions the controller deleted at revisionHistoryLimit, in the order it deleted them.</summary>
    public List<HistoryRevision> Pruned { get; } = [];

    public List<HistoryEvent> Events { get; } = [];

    public HistoryRevision? Current => Revisions.Count == 0 ? null : Revisions[Revisions.Count - 1];

    /// <summary>The revision <c>kubectl rollout undo --to-revision N</c> means: 0 is the one before the current.</summary>
    public HistoryRevision? Find(int number) =>
        number == 0 ? (Revisions.Count >= 2 ? Revisions[Revisions.Count - 2] : null) : Revisions.FirstOrDefault(revision => revision.Number == number);
}

/// <summary>
/// Replays a manifest's versions against the controllers' history bookkeeping: a new revision per distinct
/// defaulted template, numbered max+1; re-applying an earlier template reuses and renumbers its revision
/// (Deployment ReplicaSets, DaemonSet and StatefulSet ControllerRevisions); old revisions beyond
/// revisionHistoryLimit are deleted oldest first; deleting the object deletes its history.
/// </summary>
public static class RolloutHistory
{
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    /// <param name="versions">Oldest first.</param>
    public static IReadOnlyList<WorkloadHistory> Build(IReadOnlyList<ManifestVersion> versions, KubernetesVersion kubernetesVersion, ComparisonLimits? limits = null)
    {
        var histories = new Dictionary<(string, string?, string), WorkloadHistory>();
        var builders = new Dictionary<(string, string?, string), CanonicalBuilder>();
        var order = new List<WorkloadHistory>();
        foreach (var version in versions)
        {
            if (version.Unreadable is { } reason)
            {
                foreach (var history in order)
                    history.Events.Add(new HistoryEvent(version, $"not applied: kubectl refuses the file ({reason}); nothing changes"));
                continue;
            }

            var present = new HashSet<(string, string?, string)>();
            foreach (var workload in version.Resources.Select(Workload.From).OfType<Workload>())
            {
                var key = (workload.Resource.Kind, workload.Resource.Id.Namespace, workload.Resource.Id.Name);
                if (!present.Add(key))
                    continue;
                if (!histories.TryGetValue(key, out var history))
                {
                    history = new WorkloadHistory(workload.Resource.Id);
                    histories[key] = history;
                    order.Add(history);
                }

                // One builder per workload: the work bound covers its whole history.
                builders.TryGetValue(key, out var builder);
                builders[key] = builder ??= new CanonicalBuilder(limits);
                Apply(history, workload, version, kubernetesVersion, builder);
            }

            foreach (var gone in histories.Where(pair => !present.Contains(pair.Key) && pair.Value.Revisions.Count > 0).Select(pair => pair.Value))
            {
                gone.Events.Add(new HistoryEvent(version, "removed from the manifest: deleting the object deletes its revisions"));
                gone.Pruned.AddRange(gone.Revisions);
                gone.Revisions.Clear();
            }
        }

        foreach (var builder in builders.Values)
            builder.Dispose();
        return order;
    }

    /// <summary>The workload with its spec as it is now and the pod template of <paramref name="revision"/>: what undo applies.</summary>
    public static Workload WithTemplate(Workload current, HistoryRevision revision)
    {
        var template = revision.Workload.Template!;
        var root = new ManifestMapping(current.Resource.Root.Start, current.Resource.Root.End);
        foreach (var entry in current.Resource.Root.Entries)
        {
            if (entry.Key.Value == "spec" && entry.Value is ManifestMapping spec)
            {
                var newSpec = new ManifestMapping(spec.Start, spec.End);
                foreach (var field in spec.Entries)
                    newSpec.Add(new ManifestEntry(CopyKey(field.Key), field.Key.Value == "template" ? template : field.Value));
                root.Add(new ManifestEntry(CopyKey(entry.Key), newSpec));
            }
            else
            {
                root.Add(new ManifestEntry(CopyKey(entry.Key), entry.Value));
            }
        }

        return Workload.From(new Resource(current.Resource.File, root, current.Resource.ApiVersionNode, current.Resource.KindNode))!;
    }

    // Keys get a parent when added; copies keep the current tree's keys untouched.
    private static ManifestScalar CopyKey(ManifestScalar key) => new(key.Value, key.IsPlain, key.Start, key.End);

    private static void Apply(WorkloadHistory history, Workload workload, ManifestVersion version, KubernetesVersion kubernetesVersion, CanonicalBuilder builder)
    {
        history.Kind = workload.Kind;
        var current = history.Current;
        // The bounded comparison comes first: it also stops at alias cycles, before any rule walks the object.
        ContentDigest digest;
        List<ImmutableFieldChange> immutable;
        try
        {
            digest = builder.PodTemplate(workload)?.Digest ?? default;
            immutable = current is null ? [] : ChangePreview.ImmutableFieldChanges(current.Workload, workload, builder);
        }
        catch (ComparisonLimitException limit)
        {
            history.Events.Add(new HistoryEvent(version, limit.Message));
            return;
        }

        if (RolloutInputCheck.Problems(workload, kubernetesVersion) is { Count: > 0 } problems)
        {
            history.Events.Add(new HistoryEvent(version, $"the API server rejects this version ({string.Join(", ", problems.Select(problem => problem.Rule.Id).Distinct())}): nothing changes"));
            return;
        }

        if (immutable.Count > 0)
        {
            history.Events.Add(new HistoryEvent(version, $"kubectl apply rejects this version ({string.Join(", ", immutable.Select(change => change.Path))} cannot change): nothing changes"));
            return;
        }

        var changeCause = workload.Resource.Annotation(ChangeCauseAnnotation)?.Value;
        // Deployments copy their annotations to the current ReplicaSet on every sync; ControllerRevisions keep
        // the annotations they were created with.
        var copiesAnnotations = workload.Kind == WorkloadKind.Deployment;
        var next = history.Revisions.Count == 0 ? 1 : history.Revisions.Max(revision => revision.Number) + 1;
        if (current is not null && current.Template == digest)
        {
            current.Workload = workload;
            current.LastApplied = version;
            if (copiesAnnotations)
                current.ChangeCause = changeCause;
            history.Events.Add(new HistoryEvent(version, $"pod template unchanged: stays at revision {current.Number}"));
        }
        else if (history.Revisions.FirstOrDefault(revision => revision.Template == digest) is { } earlier)
        {
            earlier.FormerNumbers.Add(earlier.Number);
            history.Events.Add(new HistoryEvent(version, $"the template of revision {earlier.Number} is back: it becomes revision {next}"));
            earlier.Number = next;
            earlier.Workload = workload;
            earlier.LastApplied = version;
            if (copiesAnnotations)
                earlier.ChangeCause = changeCause;
            history.Revisions.Remove(earlier);
            history.Revisions.Add(earlier);
        }
        else
        {
            history.Revisions.Add(new HistoryRevision(next, digest, workload, version, changeCause));
            history.Events.Add(new HistoryEvent(version, current is null ? "created: revision 1" : $"new pod template: revision {next}"));
        }

        Prune(history, workload, version);
    }

    // Old revisions beyond the limit go, oldest first (cleanupDeployment, cleanupHistory, truncateHistory).
    private static void Prune(WorkloadHistory history, Workload workload, ManifestVersion version)
    {
        var limit = workload.RevisionHistoryLimit.Value;
        if (limit < 0)
            return;
        var old = history.Revisions.Count - 1;
        for (var excess = old - limit; excess > 0; excess--)
        {
            var oldest = history.Revisions[0];
            oldest.PrunedAt = version;
            history.Revisions.RemoveAt(0);
            history.Pruned.Add(oldest);
            history.Events.Add(new HistoryEvent(version, $"revision {oldest.Number} deleted: revisionHistoryLimit {limit} keeps {limit} old revision{(limit == 1 ? "" : "s")}"));
        }
    }
}
