using System.Text;
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

    public WorkloadChangeKind Kind { get; }

    public Workload? Before { get; }

    public Workload? After { get; }

    public ResourceId Id => (After ?? Before)!.Resource.Id;

    /// <summary>True when the pod template changed, which is what makes a controller roll out.</summary>
    public bool TriggersRollout { get; internal set; }

    public List<FieldChange> TemplateChanges { get; } = [];

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
    private const int MaxValueLength = 80;

    public static IReadOnlyList<WorkloadChange> Compare(IEnumerable<Resource> before, IEnumerable<Resource> after)
    {
        var old = Index(before);
        var changes = new List<WorkloadChange>();
        var seen = new HashSet<(string, string?, string)>();
        foreach (var workload in after.Select(Workload.From).OfType<Workload>())
        {
            var key = Key(workload);
            if (!seen.Add(key))
                continue;
            changes.Add(old.TryGetValue(key, out var previous) ? Modified(previous, workload) : Added(workload));
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

    private static WorkloadChange Modified(Workload before, Workload after)
    {
        var templateChanges = new List<FieldChange>();
        Diff(before.Template, after.Template, "spec.template", templateChanges);
        var otherChanges = new List<FieldChange>();
        foreach (var key in Keys(before.Resource.Root, after.Resource.Root).Where(key => key is not ("spec" or "status")))
            Diff(before.Resource.Root[key], after.Resource.Root[key], key, otherChanges);
        foreach (var key in Keys(before.Spec, after.Spec).Where(key => key != "template"))
            Diff(before.Spec[key], after.Spec[key], "spec." + key, otherChanges);

        var change = new WorkloadChange(templateChanges.Count > 0 || otherChanges.Count > 0 ? WorkloadChangeKind.Modified : WorkloadChangeKind.Unchanged, before, after)
        {
            TriggersRollout = templateChanges.Count > 0,
        };
        change.TemplateChanges.AddRange(templateChanges);
        change.OtherChanges.AddRange(otherChanges.Select(field => field.Path).Distinct());
        ImmutableFields(before, after, change);
        Explain(before, after, change, otherChanges);
        return change;
    }

    private static void ImmutableFields(Workload before, Workload after, WorkloadChange change)
    {
        if (!Same(before.Selector, after.Selector))
        {
            change.ImmutableChanges.Add(new ImmutableFieldChange("spec.selector",
                "spec.selector is immutable in apps/v1: kubectl apply fails with \"field is immutable\"; delete and recreate the object (kubectl delete --cascade=orphan keeps the running pods)",
                (ManifestNode?)after.Selector ?? after.SpecKey));
        }

        if (after.Kind != WorkloadKind.StatefulSet)
            return;
        const string forbidden = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
        if (before.Spec.String("serviceName") != after.Spec.String("serviceName"))
            change.ImmutableChanges.Add(new ImmutableFieldChange("spec.serviceName", $"spec.serviceName cannot change: {forbidden}", after.Spec.Scalar("serviceName") ?? after.SpecKey));
        if (!Same(before.Spec["volumeClaimTemplates"], after.Spec["volumeClaimTemplates"]))
            change.ImmutableChanges.Add(new ImmutableFieldChange("spec.volumeClaimTemplates", $"spec.volumeClaimTemplates cannot change: {forbidden}", after.Spec["volumeClaimTemplates"] ?? after.SpecKey));
        if ((before.Spec.String("podManagementPolicy") ?? "OrderedReady") != (after.Spec.String("podManagementPolicy") ?? "OrderedReady"))
            change.ImmutableChanges.Add(new ImmutableFieldChange("spec.podManagementPolicy", $"spec.podManagementPolicy cannot change: {forbidden}", after.Spec.Scalar("podManagementPolicy") ?? after.SpecKey));
    }

    private static void Explain(Workload before, Workload after, WorkloadChange change, List<FieldChange> otherChanges)
    {
        if (change.RejectedByApply)
            change.Notes.Add("kubectl apply rejects this change, so nothing rolls out");
        if (!change.TriggersRollout)
        {
            change.Notes.Add(otherChanges.Count == 0
                ? "no change: applying it starts no rollout"
                : "the pod template is unchanged, so no rollout starts (labels and other fields outside spec.template do not roll pods)");
        }

        if (otherChanges.FirstOrDefault(field => field.Path == "spec.replicas") is { } replicas)
            change.Notes.Add($"spec.replicas {replicas.Before ?? "(default)"} → {replicas.After ?? "(default)"} scales without replacing pods");

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

    private static bool Same(ManifestNode? before, ManifestNode? after)
    {
        var changes = new List<FieldChange>();
        Diff(before, after, string.Empty, changes);
        return changes.Count == 0;
    }

    /// <summary>Compares two values structurally: key order, formatting and comments do not matter; null equals absent.</summary>
    private static void Diff(ManifestNode? before, ManifestNode? after, string path, List<FieldChange> changes)
    {
        before = Normalize(before);
        after = Normalize(after);
        switch (before, after)
        {
            case (null, null):
                return;
            case (ManifestMapping a, ManifestMapping b):
                foreach (var key in Keys(a, b))
                    Diff(a[key], b[key], path.Length == 0 ? key : $"{path}.{key}", changes);
                return;
            case (ManifestSequence a, ManifestSequence b):
                for (var index = 0; index < Math.Max(a.Items.Count, b.Items.Count); index++)
                    Diff(index < a.Items.Count ? a.Items[index] : null, index < b.Items.Count ? b.Items[index] : null, $"{path}[{index}]", changes);
                return;
            case (ManifestScalar a, ManifestScalar b) when a.Value == b.Value && a.IsString == b.IsString:
                return;
            default:
                changes.Add(new FieldChange(path, Render(before), Render(after)));
                return;
        }
    }

    private static ManifestNode? Normalize(ManifestNode? node) => node is ManifestScalar { IsNull: true } ? null : node;

    private static string? Render(ManifestNode? node)
    {
        if (node is null)
            return null;
        var builder = new StringBuilder();
        Render(node, builder);
        return builder.Length > MaxValueLength ? builder.ToString(0, MaxValueLength - 1) + "…" : builder.ToString();
    }

    private static void Render(ManifestNode node, StringBuilder builder)
    {
        if (builder.Length > MaxValueLength)
            return;
        switch (node)
        {
            case ManifestScalar scalar:
                builder.Append(scalar.IsPlain ? scalar.Value : "\"" + scalar.Value + "\"");
                break;
            case ManifestMapping mapping:
                builder.Append('{');
                for (var index = 0; index < mapping.Entries.Count; index++)
                {
                    if (index > 0)
                        builder.Append(", ");
                    builder.Append(mapping.Entries[index].Key.Value).Append(": ");
                    Render(mapping.Entries[index].Value, builder);
                }

                builder.Append('}');
                break;
            case ManifestSequence sequence:
                builder.Append('[');
                for (var index = 0; index < sequence.Items.Count; index++)
                {
                    if (index > 0)
                        builder.Append(", ");
                    Render(sequence.Items[index], builder);
                }

                builder.Append(']');
                break;
        }
    }
}
