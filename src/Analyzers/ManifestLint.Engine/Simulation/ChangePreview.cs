using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

public enum WorkloadChangeKind
{
    Added,
    Removed,
    Modified,
    Unchanged,
}

/// <summary>One changed field: its path and the values before and after (null when absent).</summary>
public sealed record FieldChange(string Path, string? Before, string? After);

/// <summary>A change to a field the API server refuses to update, so <c>kubectl apply</c> fails.</summary>
public sealed record ImmutableFieldChange(string Path, string Message, ManifestNode? Node);

/// <summary>What a change to one workload does when applied: whether it rolls out, and whether apply accepts it.</summary>
public sealed class WorkloadChange
{
    internal WorkloadChange(WorkloadChangeKind kind, Workload? before, Workload? after)
    {
        Kind = kind;
        Before = before;
        After = after;
    }

    public WorkloadChangeKind Kind { get; internal set; }

    public Workload? Before { get; }

    public Workload? After { get; }

    public ResourceId Id => (After ?? Before)!.Resource.Id;

    /// <summary>True when the pod template changed, which is what makes a controller roll out.</summary>
    public bool TriggersRollout { get; internal set; }

    /// <summary>Changed fields of the defaulted pod template, at most <see cref="CanonicalDiff.MaxListed"/>.</summary>
    public List<FieldChange> TemplateChanges { get; } = [];

    /// <summary>Changed template fields beyond those listed.</summary>
    public int UnlistedTemplateChanges { get; internal set; }

    /// <summary>Why the two versions could not be compared (a bound was hit or an alias is cyclic); null when compared.</summary>
    public string? NotCompared { get; internal set; }

    /// <summary>Changed fields outside the pod template (paths only); they do not roll out.</summary>
    public List<string> OtherChanges { get; } = [];

    public List<ImmutableFieldChange> ImmutableChanges { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>kubectl apply fails: an immutable field changed.</summary>
    public bool RejectedByApply => ImmutableChanges.Count > 0;
}

/// <summary>
/// Compares workloads before and after a change, matched by kind, namespace and name: does the pod template change
/// (only that starts a rollout), and does the change touch fields <c>kubectl apply</c> cannot update.
/// </summary>
public static class ChangePreview
{
    public static IReadOnlyList<WorkloadChange> Compare(IEnumerable<Resource> before, IEnumerable<Resource> after, ComparisonLimits? limits = null)
    {
        limits ??= ComparisonLimits.Default;
        var old = Index(before);
        var changes = new List<WorkloadChange>();
        var seen = new HashSet<(string, string?, string)>();
        foreach (var workload in after.Select(Workload.From).OfType<Workload>())
        {
            var key = Key(workload);
            if (!seen.Add(key))
                continue;
            changes.Add(old.TryGetValue(key, out var previous) ? Modified(previous, workload, limits) : Added(workload));
        }

        foreach (var pair in old.Where(pair => !seen.Contains(pair.Key)))
        {
            var removed = new WorkloadChange(WorkloadChangeKind.Removed, pair.Value, null);
            removed.Notes.Add("removed: deleting the object deletes its pods");
            changes.Add(removed);
        }

        return changes;
    }

    /// <summary>True for an image whose tag can move: no tag (implicit <c>latest</c>) or <c>latest</c>, and no digest.</summary>
    public static bool IsMutableTag(string image)
    {
        if (image.Contains('@'))
            return false;
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 || image.Substring(colon + 1) == "latest";
    }

    private static Dictionary<(string, string?, string), Workload> Index(IEnumerable<Resource> resources)
    {
        var index = new Dictionary<(string, string?, string), Workload>();
        foreach (var workload in resources.Select(Workload.From).OfType<Workload>())
        {
            var key = Key(workload);
            if (!index.ContainsKey(key))
                index[key] = workload;
        }

        return index;
    }

    private static (string, string?, string) Key(Workload workload) =>
        (workload.Resource.Kind, workload.Resource.Id.Namespace, workload.Resource.Id.Name);

    private static WorkloadChange Added(Workload workload)
    {
        var change = new WorkloadChange(WorkloadChangeKind.Added, null, workload);
        change.Notes.Add("new object: its pods are created from scratch, there is no rollout");
        return change;
    }

    private static WorkloadChange Modified(Workload before, Workload after, ComparisonLimits limits)
    {
        using var builder = new CanonicalBuilder(limits);
        try
        {
            return Modified(before, after, builder);
        }
        catch (ComparisonLimitException limit)
        {
            var change = new WorkloadChange(WorkloadChangeKind.Modified, before, after) { NotCompared = limit.Message };
            change.Notes.Add(limit.Message);
            return change;
        }
    }

    private static WorkloadChange Modified(Workload before, Workload after, CanonicalBuilder builder)
    {
        // Controllers compare templates after API-server defaulting: the Deployment's pod-template-hash and
        // ReplicaSet match, the DaemonSet's and StatefulSet's ControllerRevisions.
        var templateDiff = CanonicalDiff.Compare(builder.PodTemplate(before), builder.PodTemplate(after), "spec.template", builder);
        var otherChanges = new List<FieldChange>();
        foreach (var key in Keys(before.Resource.Root, after.Resource.Root).Where(key => key is not ("spec" or "status")))
            otherChanges.AddRange(PlainDiff(before.Resource.Root[key], after.Resource.Root[key], key, builder).Changes);
        foreach (var key in Keys(before.Spec, after.Spec).Where(key => key != "template"))
            otherChanges.AddRange(PlainDiff(before.Spec[key], after.Spec[key], "spec." + key, builder).Changes);

        var templateChanges = templateDiff.Changes;
        var change = new WorkloadChange(templateChanges.Count > 0 || otherChanges.Count > 0 ? WorkloadChangeKind.Modified : WorkloadChangeKind.Unchanged, before, after)
        {
            TriggersRollout = templateChanges.Count > 0,
            UnlistedTemplateChanges = templateDiff.Unlisted,
        };
        change.TemplateChanges.AddRange(templateChanges);
        change.OtherChanges.AddRange(otherChanges.Select(field => field.Path).Distinct());
        if (!change.TriggersRollout && PlainDiff(before.Template, after.Template, "spec.template", builder).Changes is { Count: > 0 } written)
        {
            change.Kind = WorkloadChangeKind.Modified;
            change.Notes.Add($"the pod template changes only in values the API server sets by default ({string.Join(", ", written.Select(field => field.Path))}): the controller sees the same template, so no rollout starts");
        }

        change.ImmutableChanges.AddRange(ImmutableFieldChanges(before, after, builder));
        Explain(before, after, change, otherChanges);
        return change;
    }

    private static CanonicalDiff PlainDiff(ManifestNode? before, ManifestNode? after, string path, CanonicalBuilder builder) =>
        CanonicalDiff.Compare(builder.Plain(before, path), builder.Plain(after, path), path, builder);

    /// <summary>The fields <c>kubectl apply</c> refuses to change between two versions of a workload.</summary>
    internal static List<ImmutableFieldChange> ImmutableFieldChanges(Workload before, Workload after, CanonicalBuilder builder)
    {
        var changes = new List<ImmutableFieldChange>();
        bool Same(ManifestNode? a, ManifestNode? b, string path) => builder.Plain(a, path)?.Digest == builder.Plain(b, path)?.Digest;

        if (!Same(before.Selector, after.Selector, "spec.selector"))
        {
            changes.Add(new ImmutableFieldChange("spec.selector",
                "spec.selector is immutable in apps/v1: kubectl apply fails with \"field is immutable\"; delete and recreate the object (kubectl delete --cascade=orphan keeps the running pods)",
                (ManifestNode?)after.Selector ?? after.SpecKey));
        }

        if (after.Kind != WorkloadKind.StatefulSet)
            return changes;
        const string forbidden = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
        if (before.Spec.String("serviceName") != after.Spec.String("serviceName"))
            changes.Add(new ImmutableFieldChange("spec.serviceName", $"spec.serviceName cannot change: {forbidden}", after.Spec.Scalar("serviceName") ?? after.SpecKey));
        if (!Same(before.Spec["volumeClaimTemplates"], after.Spec["volumeClaimTemplates"], "spec.volumeClaimTemplates"))
            changes.Add(new ImmutableFieldChange("spec.volumeClaimTemplates", $"spec.volumeClaimTemplates cannot change: {forbidden}", after.Spec["volumeClaimTemplates"] ?? after.SpecKey));
        if ((before.Spec.String("podManagementPolicy") ?? "OrderedReady") != (after.Spec.String("podManagementPolicy") ?? "OrderedReady"))
            changes.Add(new ImmutableFieldChange("spec.podManagementPolicy", $"spec.podManagementPolicy cannot change: {forbidden}", after.Spec.Scalar("podManagementPolicy") ?? after.SpecKey));
        return changes;
    }

    private static void Explain(Workload before, Workload after, WorkloadChange change, List<FieldChange> otherChanges)
    {
        if (change.RejectedByApply)
            change.Notes.Add("kubectl apply rejects this change, so nothing rolls out");
        if (!change.TriggersRollout)
        {
            if (otherChanges.Count > 0)
                change.Notes.Add("the pod template is unchanged, so no rollout starts (labels and other fields outside spec.template do not roll pods)");
            else if (change.Kind == WorkloadChangeKind.Unchanged)
                change.Notes.Add("no change: applying it starts no rollout");
        }

        if (otherChanges.FirstOrDefault(field => field.Path == "spec.replicas") is { } replicas)
        {
            if (!change.TriggersRollout)
                change.Notes.Add($"spec.replicas {replicas.Before ?? "(default)"} → {replicas.After ?? "(default)"} scales without replacing pods");
            else if (after.Kind == WorkloadKind.Deployment && after.Replicas?.Value > before.Replicas?.Value)
                change.Notes.Add($"spec.replicas {before.Replicas!.Value.Value} → {after.Replicas!.Value.Value} with a template change: the Deployment controller scales first, so {after.Replicas.Value.Value - before.Replicas.Value.Value} old-version pods are created before the rollout replaces them");
            else
                change.Notes.Add($"spec.replicas {replicas.Before ?? "(default)"} → {replicas.After ?? "(default)"} with a template change: the controller scales first, then rolls out");
        }

        var afterImages = Images(after);
        if (!change.TriggersRollout)
        {
            foreach (var image in afterImages.Where(IsMutableTag))
                change.Notes.Add($"image {image} is a mutable tag: re-applying it starts no rollout and running pods keep the code they pulled; `kubectl rollout undo` cannot bring back old code of a mutable tag either");
            return;
        }

        foreach (var image in Images(before).Where(image => IsMutableTag(image)))
            change.Notes.Add($"the previous revision runs {image}, a mutable tag: `kubectl rollout undo` restores the tag, not the old code");
    }

    private static string[] Images(Workload workload)
    {
        if (workload.TemplateSpec is not { } spec)
            return [];
        return new[] { "initContainers", "containers" }
            .SelectMany(field => spec.Sequence(field)?.Items.OfType<ManifestMapping>() ?? [])
            .Select(container => container.String("image"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private static IEnumerable<string> Keys(ManifestMapping? before, ManifestMapping? after) =>
        (after?.Entries.Select(entry => entry.Key.Value) ?? [])
        .Concat(before?.Entries.Select(entry => entry.Key.Value) ?? [])
        .Distinct(StringComparer.Ordinal);
}
