using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// DaemonSet RollingUpdate over N nodes (k8s-semantics §3.3). Each sync first runs the manage pass (create the
/// missing pod on every node without one; a sync that created pods skips the rolling update until the creations are
/// observed), then the rolling update: without surge, delete old pods while fewer than maxUnavailable nodes are
/// unavailable; with surge, start new pods beside old ones on up to maxSurge nodes and delete an old pod once its
/// replacement is available. Nodes are visited node-1…node-N; the real controller's order is unspecified.
/// </summary>
internal sealed class DaemonSetSimulation
{
    /// <summary>Pods in one step up to which a batch is listed node by node, as the controller's events are.</summary>
    private const long ListedPodsPerBatch = 10;

    /// <summary>The controller's burstReplicas: syncNodes creates at most this many pods, and deletes at most this many, per sync.</summary>
    public const long BurstReplicas = 250;

    private readonly Workload workload;
    private readonly RolloutOptions options;
    private readonly long nodes;
    private readonly RolloutRecorder recorder;
    private readonly string name;
    private readonly HostPortUse? hostPort;
    private readonly long termination;
    private readonly string createFormat;
    private readonly string deleteFormat;

    // Nodes from `frontier` on still run only the old pod. Nodes below it run only an available new pod, except those in
    // `inFlight`: consecutive nodes touched together, whose old pod is gone or whose new pod is not available yet.
    private readonly List<NodeBatch> inFlight = [];

    // The nodes in replay order (each group from its first index) and how each group fares in a change preview.
    private readonly List<(NodeGroup Group, long First)> segments = [];
    private readonly NodeGroupChange[] nodeChanges;
    private readonly SortedSet<string> unknownLabels = new(StringComparer.Ordinal);
    private long frontier;
    private long oldCount;
    private long newCount;
    private long availableCount;
    private DaemonSetPlacement? placement;
    private string? updatingFormat;
    private string? availableFormat;

    public DaemonSetSimulation(Workload workload, RolloutOptions options)
    {
        this.workload = workload;
        this.options = options;
        var changes = options.Previous is { Kind: WorkloadKind.DaemonSet } previous
            ? DaemonSetNodes.Changes(previous, workload, options, unknownLabels)
            : DaemonSetNodes.Groups(options)
                .Where(group => group.Count > 0)
                .Select(group => new NodeGroupChange(group, Joining: false, Leaving: false, Lingering: false, Rolling: DaemonSetNodes.Fit(workload, group, unknownLabels) == DaemonSetPresence.Runs))
                .ToArray();
        nodeChanges = changes;
        // Nodes that join come first: their pods are created at once, before the rolling update reaches the others.
        foreach (var change in changes.Where(change => change.Joining).Concat(changes.Where(change => change.Rolling)))
        {
            segments.Add((change.Group, nodes));
            nodes += change.Group.Count;
        }

        var joining = changes.Where(change => change.Joining).Sum(change => change.Group.Count);
        var rolling = nodes - joining;
        var leaving = changes.Where(change => change.Leaving).Sum(change => change.Group.Count);
        name = workload.Resource.Id.Name;
        recorder = new RolloutRecorder(options, nodes, rolling + leaving, rolling + leaving);
        oldCount = rolling + leaving;
        availableCount = rolling + leaving;
        if (joining > 0)
            inFlight.Add(new NodeBatch(0, joining));
        frontier = joining;
        hostPort = HostPorts.First(workload);
        termination = options.SecondsToTerminate(workload);
        createFormat = $"Created pod: {RolloutSimulator.NewName(workload).Replace("{", "{{").Replace("}", "}}")} on {{0}}";
        deleteFormat = $"Deleted pod: {RolloutSimulator.OldName(workload).Replace("{", "{{").Replace("}", "}}")} on {{0}}";
    }

    public RolloutResult Run()
    {
        var strategy = workload.Strategy;
        var notes = new List<string>();
        if (!strategy.IsRollingUpdate)
        {
            notes.Add("OnDelete: nothing happens until pods are deleted by hand; each deleted pod comes back with the new template");
            recorder.Status("error: rollout status is only available for RollingUpdate strategy type");
            var onDeleteBudget = new RolloutBudget(0, 0, nodes, nodes, "OnDelete: the controller replaces no pod by itself");
            return Result(onDeleteBudget, recorder.Summary(RolloutOutcome.WaitsForManualDeletion, "OnDelete: pods are replaced only when deleted by hand", 0), notes);
        }

        var resolved = RolloutMath.ResolveDaemonSet(strategy.MaxSurge!, strategy.MaxUnavailable!, nodes);
        var explanation = RolloutSimulator.Describe("maxSurge", strategy.MaxSurge!, nodes, "node", roundUp: true) + ", " +
                          RolloutSimulator.Describe("maxUnavailable", strategy.MaxUnavailable!, nodes, "node", roundUp: true);
        if (resolved.UnavailableForced)
            explanation += "; both 0, so the controller allows 1 unavailable node";
        var budget = new RolloutBudget(resolved.Surge, resolved.Unavailable, Math.Max(0, nodes - resolved.Unavailable), nodes + resolved.Surge, explanation);
        notes.Add("node order is unspecified in the real controller (Go map order); this replay visits node-1…node-N");
        NodeSetChanges(notes);
        placement = DaemonSetPlacement.For(workload, options, resolved.Surge > 0);
        if (resolved.Surge > 0 && hostPort is not null)
            notes.Add($"container '{hostPort.Container}' binds host port {hostPort.Port}: a surge pod cannot be scheduled beside the old pod on the same node");

        if (nodes == 0)
        {
            WriteStatus();
            return Result(budget, recorder.Summary(RolloutOutcome.Completes, null, 0), notes);
        }

        long sync = 0;
        while (true)
        {
            sync++;
            if (sync > options.SyncLimit(nodes))
                return Result(budget, recorder.Summary(RolloutOutcome.Stalls, $"no end after {sync - 1} syncs (simulation limit)", sync - 1) with { StoppedBySyncLimit = true }, notes);
            if (!recorder.NextSync())
                return Result(budget, recorder.Summary(RolloutOutcome.Stalls, RolloutRecorder.CapReason(sync), sync - 1) with { StoppedBySyncLimit = true }, notes);
            BecomeAvailable(sync);
            var skip = recorder.Skip(sync, frontier, (placement?.SameUntil(frontier) ?? nodes) - frontier, Shape(sync));
            if (skip.Skipped)
            {
                sync += skip.Syncs;
                frontier += skip.Pods;
                oldCount -= skip.Pods;
                newCount += skip.Pods;
                foreach (var batch in inFlight)
                    batch.Shift(skip.Pods, skip.Syncs, skip.Seconds);
            }

            // The status a sync writes is computed from the pods it saw before acting.
            WriteStatus();
            var changed = Manage(sync) || (resolved.Surge > 0 ? SurgeUpdate(sync, resolved.Surge) : UnavailableUpdate(sync, resolved.Unavailable));
            recorder.Observe(sync, availableCount, oldCount + newCount);
            var complete = oldCount == 0 && newCount == nodes && availableCount == nodes;
            if (complete || (!changed && !inFlight.Any(batch => batch.Pending && WillBecomeAvailable(batch))))
            {
                WriteStatus();
                return complete
                    ? Result(budget, recorder.Summary(RolloutOutcome.Completes, null, sync), notes)
                    : Result(budget, recorder.Summary(RolloutOutcome.Stalls, StallReason(resolved), sync), notes);
            }
        }
    }

    /// <summary>The nodes in flight relative to the frontier, the sync and the clock: equal shapes mean equal rounds.</summary>
    private long[] Shape(long sync)
    {
        var shape = new long[inFlight.Count * 5];
        for (var index = 0; index < inFlight.Count; index++)
        {
            var batch = inFlight[index];
            shape[index * 5] = batch.From - frontier;
            shape[(index * 5) + 1] = batch.Count;
            shape[(index * 5) + 2] = (batch.HasOld ? 1 : 0) + (batch.HasNew ? 2 : 0) + (batch.NewAvailable ? 4 : 0);
            shape[(index * 5) + 3] = batch.Pending ? batch.CreatedSync - sync : -1;
            shape[(index * 5) + 4] = batch.Pending ? batch.AvailableSeconds - recorder.Clock : -1;
        }

        return shape;
    }

    private void BecomeAvailable(long sync)
    {
        for (var index = inFlight.Count - 1; index >= 0; index--)
        {
            var batch = inFlight[index];
            if (!batch.Pending || !WillBecomeAvailable(batch) || batch.CreatedSync + options.ReadinessLag > sync)
                continue;
            batch.NewAvailable = true;
            availableCount += batch.Count;
            recorder.PodAvailable(sync, batch.AvailableSeconds);
            if (!batch.HasOld)
                inFlight.RemoveAt(index);
        }
    }

    /// <summary>The manage pass: a node without any daemon pod gets the new one.</summary>
    private bool Manage(long sync)
    {
        var created = false;
        foreach (var batch in inFlight)
        {
            if (batch.HasOld || batch.HasNew)
                continue;
            Create(sync, batch);
            created = true;
        }

        return created;
    }

    /// <summary>Without surge: delete old pods while fewer than maxUnavailable nodes are unavailable.</summary>
    private bool UnavailableUpdate(long sync, long maxUnavailable)
    {
        var unavailableNodes = inFlight.Where(batch => !batch.HasOld && !batch.NewAvailable).Sum(batch => batch.Count);
        var allowed = Math.Min(Math.Min(maxUnavailable - unavailableNodes, SameFitUntil() - frontier), BurstReplicas);
        if (allowed <= 0)
            return false;
        var batch = new NodeBatch(frontier, allowed) { HasOld = true };
        inFlight.Add(batch);
        frontier += allowed;
        DeleteOld(sync, batch);
        return true;
    }

    /// <summary>With surge: new pods beside old ones on up to maxSurge nodes; an old pod goes once its replacement is available.</summary>
    private bool SurgeUpdate(long sync, long maxSurge)
    {
        var surging = inFlight.Where(batch => batch.HasOld && batch.HasNew && !batch.NewAvailable).Sum(batch => batch.Count);
        var creations = Math.Max(0, Math.Min(Math.Min(maxSurge - surging, SameFitUntil() - frontier), BurstReplicas));
        // syncNodes issues both in one pass; listing the deletions first keeps the counts in the controller's surge
        // accounting, which does not count a pod that is being deleted.
        var deletions = new List<NodeBatch>();
        var deleting = 0L;
        for (var index = 0; index < inFlight.Count && deleting < BurstReplicas; index++)
        {
            var batch = inFlight[index];
            if (!batch.HasOld || !batch.NewAvailable)
                continue;
            if (deleting + batch.Count > BurstReplicas)
            {
                // The rest of the batch waits for the next sync.
                var rest = batch.Split(BurstReplicas - deleting);
                inFlight.Insert(index + 1, rest);
            }

            deletions.Add(batch);
            deleting += batch.Count;
        }
        foreach (var batch in deletions)
        {
            DeleteOld(sync, batch);
            inFlight.Remove(batch);
        }

        if (creations > 0)
        {
            var batch = new NodeBatch(frontier, creations) { HasOld = true };
            inFlight.Add(batch);
            frontier += creations;
            Create(sync, batch);
        }

        return creations > 0 || deletions.Count > 0;
    }

    private bool WillBecomeAvailable(NodeBatch batch) =>
        !options.NewPodsFail && !(hostPort is not null && batch.HasOld) && placement?.Fits(batch.From) != false;

    /// <summary>A batch never spans nodes where the new pod fits and nodes where it stays Pending.</summary>
    private long SameFitUntil() => frontier >= nodes ? nodes : placement?.SameUntil(frontier) ?? nodes;

    private void Create(long sync, NodeBatch batch)
    {
        // A node whose old pod is still stopping has a daemon pod: the manage pass creates the new one once it is gone.
        if (!batch.HasOld)
            recorder.AdvanceTo(batch.OldGoneAt);
        recorder.PodCalls(batch.Count);
        batch.HasNew = true;
        batch.CreatedSync = sync;
        batch.AvailableSeconds = recorder.Clock + options.SecondsToAvailable(workload.MinReadySeconds.Value);
        newCount += batch.Count;
        var format = placement is not null && placement.RunOf(batch.From).Shortage is { } shortage
            ? createFormat + $" (stays Pending: {shortage})"
            : createFormat;
        Record(sync, RolloutAction.CreatePod, batch, format, waitsForAvailability: false, newDelta: 1, oldDelta: 0);
    }

    private void DeleteOld(long sync, NodeBatch batch)
    {
        recorder.WaitForAvailability();
        recorder.PodCalls(batch.Count);
        batch.HasOld = false;
        oldCount -= batch.Count;
        availableCount -= batch.Count;
        Record(sync, RolloutAction.DeletePod, batch, deleteFormat, waitsForAvailability: true, newDelta: 0, oldDelta: -1);
        batch.OldGoneAt = recorder.Clock + termination;
        // With surge the old pod stops beside its available replacement; without, the node waits for it to be gone.
        if (batch.HasNew)
            recorder.Terminate(sync, batch.Count, termination);
    }

    /// <summary>One step per node for small batches, as the controller's events read; one step for a large batch.</summary>
    private void Record(long sync, RolloutAction action, NodeBatch batch, string format, bool waitsForAvailability, int newDelta, int oldDelta)
    {
        if (batch.Count > ListedPodsPerBatch)
        {
            recorder.Step(sync, action, $"{NodeName(batch.From)} … {NodeName(batch.From + batch.Count - 1)}", null, oldCount, newCount, availableCount, oldCount + newCount,
                format, waitsForAvailability, batch.Count, batch.From);
            return;
        }

        // The counts after each node: the batch's later nodes are not acted on yet.
        for (var done = 1L; done <= batch.Count; done++)
        {
            var pending = batch.Count - done;
            var old = oldCount - (oldDelta * pending);
            var @new = newCount - (newDelta * pending);
            var available = availableCount - (oldDelta * pending);
            recorder.Step(sync, action, NodeName(batch.From + done - 1), null, old, @new, available, old + @new, format, waitsForAvailability, index: batch.From + done - 1);
        }
    }

    private string StallReason(DaemonSetBudget resolved)
    {
        var waiting = new List<string>();
        foreach (var batch in inFlight.Where(batch => batch.HasNew && !batch.NewAvailable))
        {
            for (var node = batch.From; node < batch.From + batch.Count && waiting.Count < 6; node++)
                waiting.Add(NodeName(node));
        }

        var where = waiting.Count == 0 ? string.Empty : $" on {string.Join(", ", waiting.Take(5))}{(waiting.Count > 5 ? ", …" : string.Empty)}";
        if (resolved.Surge > 0 && hostPort is not null && !options.NewPodsFail)
            return $"new pods{where} can never be scheduled: the old pod on the same node holds host port {hostPort.Port} (container '{hostPort.Container}'), and the old pod is deleted only after the new one is available";
        var cause = options.NewPodsFail ? options.NewPodsFailure
            : placement?.PendingRuns.FirstOrDefault() is { } pending ? $"new pods stay Pending ({pending.Shortage})"
            : "new pods are not available";
        return resolved.Surge > 0
            ? $"{cause}{where}: maxSurge {resolved.Surge} is used up and the old pods stay"
            : $"{cause}{where}: maxUnavailable {resolved.Unavailable} is used up, so no further old pod is deleted";
    }

    /// <summary>kubectl rollout status for a DaemonSet; status counts each node's oldest pod (k8s-semantics §4).</summary>
    private void WriteStatus()
    {
        // Nodes with an old pod count it as available; others count their new pod.
        var updated = frontier - inFlight.Where(batch => batch.HasOld || !batch.HasNew).Sum(batch => batch.Count);
        var available = nodes - inFlight.Where(batch => !batch.HasOld && !batch.NewAvailable).Sum(batch => batch.Count);
        if (updated < nodes)
            recorder.Status(updatingFormat ??= $"Waiting for daemon set \"{Escape(name)}\" rollout to finish: {{0}} out of {{1}} new pods have been updated...", updated, nodes);
        else if (available < nodes)
            recorder.Status(availableFormat ??= $"Waiting for daemon set \"{Escape(name)}\" rollout to finish: {{0}} of {{1}} updated pods are available...", available, nodes);
        else
            recorder.Status($"daemon set \"{name}\" successfully rolled out");
    }

    private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");

    private string NodeName(long node)
    {
        // Described nodes (node capacity) carry their own names.
        if (placement is not null)
            return placement.NodeName(node);
        for (var index = segments.Count - 1; index >= 0; index--)
        {
            if (node >= segments[index].First)
                return segments[index].Group.Name(node - segments[index].First + 1);
        }

        return $"node-{node + 1}";
    }

    /// <summary>What the change preview says about the node set, and the manage pass's deletions on nodes that leave.</summary>
    private void NodeSetChanges(List<string> notes)
    {
        foreach (var change in nodeChanges)
        {
            var group = change.Group;
            var which = group.ControlPlane ? $"the {RolloutSimulator.Pods(group.Count).Replace("pod", "control-plane node")}" : $"the {group.Count} worker node{(group.Count == 1 ? "" : "s")}";
            if (change.Joining)
                notes.Add($"{which} join{(group.Count == 1 ? "s" : "")} the DaemonSet ({Names(group)}): the controller creates the new pod there at once, outside maxUnavailable and maxSurge");
            if (change.Leaving)
                notes.Add($"{which} leave{(group.Count == 1 ? "s" : "")} the DaemonSet ({Names(group)}): the nodeSelector or node affinity no longer matches, so the controller deletes the pod there at once");
            if (change.Lingering)
                notes.Add($"{which} no longer tolerate{(group.Count == 1 ? "s" : "")} the taint {DaemonSetNodes.ControlPlaneKey}:NoSchedule ({Names(group)}): the old pod there keeps running the old template, outside the rollout, until it is deleted by hand");
        }

        if (options.ControlPlaneNodes == 0 && options.Previous is { } previous &&
            nodeChanges.Length > 0 && DaemonSetNodes.Changes(previous, workload, options with { ControlPlaneNodes = 1 }, new SortedSet<string>()).Any(change => change.Group.ControlPlane && (change.Joining || change.Leaving || change.Lingering)))
            notes.Add("the change decides whether the DaemonSet runs on control-plane nodes; pass --control-plane-nodes N to replay them");
        if (unknownLabels.Count > 0)
            notes.Add($"the replay cannot tell which nodes carry the label{(unknownLabels.Count == 1 ? "" : "s")} {string.Join(", ", unknownLabels)}; it assumes every node does");

        var leaving = nodeChanges.Where(change => change.Leaving).ToArray();
        foreach (var change in leaving)
        {
            recorder.PodCalls(change.Group.Count);
            oldCount -= change.Group.Count;
            availableCount -= change.Group.Count;
            recorder.Step(1, RolloutAction.DeletePod, change.Group.Count == 1 ? change.Group.Name(1) : $"{change.Group.Name(1)} … {change.Group.Name(change.Group.Count)}", null,
                oldCount, newCount, availableCount, oldCount + newCount, deleteFormat, waitsForAvailability: false, change.Group.Count);
            recorder.Terminate(1, change.Group.Count, termination);
        }
    }

    private static string Names(NodeGroup group) => group.Count == 1 ? group.Name(1) : $"{group.Name(1)} … {group.Name(group.Count)}";

    private RolloutResult Result(RolloutBudget budget, RolloutSummary summary, List<string> notes) =>
        new(workload, workload.Strategy.Type, nodes, options, budget, recorder.Steps, summary, recorder.StatusLines, notes, recorder.Repeats);

    /// <summary>Consecutive nodes touched together, in one state.</summary>
    private sealed class NodeBatch(long from, long count)
    {
        public long From { get; private set; } = from;

        public long Count { get; private set; } = count;

        public bool HasOld { get; set; }

        public bool HasNew { get; set; }

        public bool NewAvailable { get; set; }

        public long CreatedSync { get; set; }

        public long AvailableSeconds { get; set; }

        /// <summary>When the deleted old pods of these nodes are gone.</summary>
        public long OldGoneAt { get; set; }

        /// <summary>A new pod that is not available yet (it may never be).</summary>
        public bool Pending => HasNew && !NewAvailable;

        /// <summary>Keeps the first <paramref name="keep"/> nodes; the rest, in the same state, is returned.</summary>
        public NodeBatch Split(long keep)
        {
            var rest = new NodeBatch(From + keep, Count - keep)
            {
                HasOld = HasOld,
                HasNew = HasNew,
                NewAvailable = NewAvailable,
                CreatedSync = CreatedSync,
                AvailableSeconds = AvailableSeconds,
                OldGoneAt = OldGoneAt,
            };
            Count = keep;
            return rest;
        }

        public void Shift(long nodes, long syncs, long seconds)
        {
            From += nodes;
            CreatedSync += syncs;
            AvailableSeconds += seconds;
            OldGoneAt += seconds;
        }
    }
}
