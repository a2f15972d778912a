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
    private readonly Workload workload;
    private readonly RolloutOptions options;
    private readonly int nodes;
    private readonly RolloutRecorder recorder;
    private readonly bool[] oldPod;
    private readonly int[] newCreatedSync;
    private readonly bool[] newAvailable;
    private readonly long[] newAvailableSeconds;
    private readonly string name;
    private readonly HostPortUse? hostPort;
    private readonly string createFormat;
    private readonly string deleteFormat;
    private int pendingPods;
    private long oldCount;
    private long newCount;
    private long availableCount;

    public DaemonSetSimulation(Workload workload, RolloutOptions options)
    {
        this.workload = workload;
        this.options = options;
        nodes = Math.Max(0, options.Nodes);
        name = workload.Resource.Id.Name;
        recorder = new RolloutRecorder(options, nodes, nodes, nodes);
        oldPod = Enumerable.Repeat(true, nodes).ToArray();
        newCreatedSync = new int[nodes];
        newAvailable = new bool[nodes];
        newAvailableSeconds = new long[nodes];
        oldCount = nodes;
        availableCount = nodes;
        hostPort = HostPorts.First(workload);
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
        if (resolved.Surge > 0 && hostPort is not null)
            notes.Add($"container '{hostPort.Container}' binds host port {hostPort.Port}: a surge pod cannot be scheduled beside the old pod on the same node");

        if (nodes == 0)
        {
            recorder.Status(StatusLine());
            return Result(budget, recorder.Summary(RolloutOutcome.Completes, null, 0), notes);
        }

        var sync = 0;
        while (true)
        {
            sync++;
            if (sync > options.SyncLimit(nodes))
                return Result(budget, recorder.Summary(RolloutOutcome.Stalls, $"no end after {sync - 1} syncs (simulation limit)", sync - 1) with { StoppedBySyncLimit = true }, notes);
            BecomeAvailable(sync);
            // The status a sync writes is computed from the pods it saw before acting.
            recorder.Status(StatusLine());
            var changed = Manage(sync) || (resolved.Surge > 0 ? SurgeUpdate(sync, resolved.Surge) : UnavailableUpdate(sync, resolved.Unavailable));
            recorder.Observe(sync, availableCount, oldCount + newCount);
            var complete = oldCount == 0 && newCount == nodes && availableCount == nodes;
            if (complete || (!changed && pendingPods == 0))
            {
                recorder.Status(StatusLine());
                return complete
                    ? Result(budget, recorder.Summary(RolloutOutcome.Completes, null, sync), notes)
                    : Result(budget, recorder.Summary(RolloutOutcome.Stalls, StallReason(resolved), sync), notes);
            }
        }
    }

    private void BecomeAvailable(int sync)
    {
        if (pendingPods == 0)
            return;
        for (var node = 0; node < nodes; node++)
        {
            if (newCreatedSync[node] > 0 && !newAvailable[node] && WillBecomeAvailable(node) && newCreatedSync[node] + options.ReadinessLag <= sync)
            {
                newAvailable[node] = true;
                availableCount++;
                pendingPods--;
                recorder.PodAvailable(sync, newAvailableSeconds[node]);
            }
        }
    }

    /// <summary>The manage pass: a node without any daemon pod gets the new one.</summary>
    private bool Manage(int sync)
    {
        var created = false;
        for (var node = 0; node < nodes; node++)
        {
            if (!oldPod[node] && newCreatedSync[node] == 0)
            {
                Create(sync, node);
                created = true;
            }
        }

        return created;
    }

    /// <summary>Without surge: delete old pods while fewer than maxUnavailable nodes are unavailable.</summary>
    private bool UnavailableUpdate(int sync, long maxUnavailable)
    {
        long unavailableNodes = 0;
        for (var node = 0; node < nodes; node++)
        {
            var hasNew = newCreatedSync[node] > 0;
            if ((!oldPod[node] && !hasNew) || (hasNew && !newAvailable[node]))
                unavailableNodes++;
        }

        var allowed = maxUnavailable - unavailableNodes;
        var changed = false;
        for (var node = 0; node < nodes && allowed > 0; node++)
        {
            if (oldPod[node] && newCreatedSync[node] == 0)
            {
                DeleteOld(sync, node);
                allowed--;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>With surge: new pods beside old ones on up to maxSurge nodes; an old pod goes once its replacement is available.</summary>
    private bool SurgeUpdate(int sync, long maxSurge)
    {
        long surging = 0;
        var candidates = new List<int>();
        var deletions = new List<int>();
        for (var node = 0; node < nodes; node++)
        {
            if (!oldPod[node])
                continue;
            if (newCreatedSync[node] == 0)
            {
                if (surging < maxSurge)
                    candidates.Add(node);
            }
            else if (newAvailable[node])
            {
                deletions.Add(node);
            }
            else
            {
                surging++;
            }
        }

        var creations = (int)Math.Max(0, Math.Min(maxSurge - surging, candidates.Count));
        // syncNodes issues both in one pass; listing the deletions first keeps the counts in the controller's surge
        // accounting, which does not count a pod that is being deleted.
        foreach (var node in deletions)
            DeleteOld(sync, node);
        for (var index = 0; index < creations; index++)
            Create(sync, candidates[index]);
        return creations > 0 || deletions.Count > 0;
    }

    private bool WillBecomeAvailable(int node) =>
        !options.NewPodsFail && !(hostPort is not null && oldPod[node]);

    private void Create(int sync, int node)
    {
        newCreatedSync[node] = sync;
        newCount++;
        if (WillBecomeAvailable(node))
        {
            pendingPods++;
            newAvailableSeconds[node] = recorder.Clock + options.SecondsToAvailable(workload.MinReadySeconds.Value);
        }

        recorder.Step(sync, RolloutAction.CreatePod, NodeName(node), null, oldCount, newCount, availableCount, oldCount + newCount,
            createFormat, waitsForAvailability: false);
    }

    private void DeleteOld(int sync, int node)
    {
        oldPod[node] = false;
        oldCount--;
        availableCount--;
        recorder.Step(sync, RolloutAction.DeletePod, NodeName(node), null, oldCount, newCount, availableCount, oldCount + newCount,
            deleteFormat, waitsForAvailability: true);
    }

    private string StallReason(DaemonSetBudget resolved)
    {
        var waiting = Enumerable.Range(0, nodes).Where(node => newCreatedSync[node] > 0 && !newAvailable[node]).Select(NodeName).ToArray();
        var where = waiting.Length == 0 ? string.Empty : $" on {string.Join(", ", waiting.Take(5))}{(waiting.Length > 5 ? ", …" : string.Empty)}";
        if (resolved.Surge > 0 && hostPort is not null && !options.NewPodsFail)
            return $"new pods{where} can never be scheduled: the old pod on the same node holds host port {hostPort.Port} (container '{hostPort.Container}'), and the old pod is deleted only after the new one is available";
        var cause = options.NewPodsFail ? "new pods never become available" : "new pods are not available";
        return resolved.Surge > 0
            ? $"{cause}{where}: maxSurge {resolved.Surge} is used up and the old pods stay"
            : $"{cause}{where}: maxUnavailable {resolved.Unavailable} is used up, so no further old pod is deleted";
    }

    /// <summary>kubectl rollout status for a DaemonSet; status counts each node's oldest pod (k8s-semantics §4).</summary>
    private string StatusLine()
    {
        long updated = 0;
        long available = 0;
        for (var node = 0; node < nodes; node++)
        {
            var hasNew = newCreatedSync[node] > 0;
            if (oldPod[node])
            {
                available++;
            }
            else if (hasNew)
            {
                updated++;
                if (newAvailable[node])
                    available++;
            }
        }

        if (updated < nodes)
            return $"Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {nodes} new pods have been updated...";
        if (available < nodes)
            return $"Waiting for daemon set \"{name}\" rollout to finish: {available} of {nodes} updated pods are available...";
        return $"daemon set \"{name}\" successfully rolled out";
    }

    private static string NodeName(int node) => $"node-{node + 1}";

    private RolloutResult Result(RolloutBudget budget, RolloutSummary summary, List<string> notes) =>
        new(workload, workload.Strategy.Type, nodes, options, budget, recorder.Steps, summary, recorder.StatusLines, notes);
}
