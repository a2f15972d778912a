using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// StatefulSet (k8s-semantics §3.4). Each sync first establishes the invariant: recreate missing ordinals (at the
/// update revision from the partition up); OrderedReady creates one pod and stops, and stops at any pod that is not
/// available. Then RollingUpdate deletes outdated pods from the highest ordinal down to the partition: one at a time,
/// waiting for each replacement, or up to maxUnavailable at once where the target version honours it.
/// </summary>
internal sealed class StatefulSetSimulation
{
    /// <summary>Pods in one step up to which a batch is listed pod by pod, as the controller's events are.</summary>
    private const long ListedPodsPerBatch = 10;

    private readonly Workload workload;
    private readonly RolloutOptions options;
    private readonly RolloutRecorder recorder;
    private readonly long replicas;
    private readonly long partition;
    private readonly long ordinalStart;
    private readonly bool orderedReady;
    private readonly bool blockPresent;
    private readonly long? maxUnavailable;
    private readonly string name;
    private readonly long termination;
    private readonly string createNewFormat;
    private readonly string createRejectedFormat;
    private readonly string deleteFormat;

    // Ordinals below `frontier` still run the old revision and are available (the partition's too). Ordinals from
    // `frontier` up are updated: those in `inFlight` are missing or not available yet, all others are available.
    private readonly List<Segment> inFlight = [];
    private long frontier;
    private long missing;
    private long notAvailable;

    public StatefulSetSimulation(Workload workload, RolloutOptions options)
    {
        this.workload = workload;
        this.options = options;
        name = workload.Resource.Id.Name;
        termination = options.SecondsToTerminate(workload);
        replicas = Math.Max(0, RolloutSimulator.Replicas(workload, options));
        var strategy = workload.Strategy;
        partition = Math.Min(replicas, Math.Max(0, strategy.Partition?.Value ?? 0));
        ordinalStart = workload.Spec.Mapping("ordinals")?.Scalar("start") is { } start && start.TryGetInteger(out var first) ? first : 0;
        orderedReady = workload.Spec.String("podManagementPolicy") != "Parallel";
        // Defaulting creates the rollingUpdate block only when the type was omitted.
        blockPresent = strategy.RollingUpdate is not null || strategy.TypeNode is not { Value.Length: > 0 };
        if (strategy.IsRollingUpdate && RolloutMath.MaxUnavailableStatefulSetEnabled(options.KubernetesVersion) && strategy.MaxUnavailable is { } written)
            maxUnavailable = RolloutMath.ResolveStatefulSetMaxUnavailable(written, replicas);
        recorder = new RolloutRecorder(options, replicas, replicas, replicas);
        frontier = replicas;
        var escaped = name.Replace("{", "{{").Replace("}", "}}");
        createNewFormat = $"create Pod {{0}} in StatefulSet {escaped} successful (new revision)";
        createRejectedFormat = $"create Pod {{0}} in StatefulSet {escaped} failed: the API server rejects the pod (new revision)";
        deleteFormat = $"delete Pod {{0}} in StatefulSet {escaped} successful (old revision)";
    }

    public RolloutResult Run()
    {
        var strategy = workload.Strategy;
        var notes = new List<string>();
        if (!strategy.IsRollingUpdate)
        {
            notes.Add("OnDelete: nothing happens until pods are deleted by hand; a deleted pod comes back with the new template");
            recorder.Status("error: rollout status is only available for RollingUpdate strategy type");
            var onDeleteBudget = new RolloutBudget(0, 0, replicas, replicas, "OnDelete: the controller replaces no pod by itself");
            return Result(onDeleteBudget, recorder.Summary(RolloutOutcome.WaitsForManualDeletion, "OnDelete: pods are replaced only when deleted by hand", 0), notes);
        }

        var unavailableBudget = maxUnavailable ?? 1;
        var explanation = maxUnavailable is null
            ? "one pod at a time, highest ordinal first"
            : RolloutSimulator.Describe("maxUnavailable", strategy.MaxUnavailable!, replicas, "replica", roundUp: false) +
              (unavailableBudget > strategy.MaxUnavailable!.Scale(replicas, roundUp: false) ? ", raised to at least 1" : string.Empty) +
              $", so {RolloutSimulator.Pods(unavailableBudget)} at a time";
        if (strategy.MaxUnavailable is not null && maxUnavailable is null)
            notes.Add($"maxUnavailable is dropped on Kubernetes {options.KubernetesVersion}: the MaxUnavailableStatefulSet gate is on by default only in 1.35.0–1.35.3 and from 1.37, so the controller updates one pod at a time");
        if (!WaitsForMinReady && workload.MinReadySeconds.Value > 0)
            notes.Add($"Parallel, one pod at a time: the controller waits for each new pod to be Ready, not for minReadySeconds ({workload.MinReadySeconds.Value} s)");
        if (partition > 0)
            notes.Add(partition >= replicas
                ? $"partition {partition} is not below replicas {replicas}: no pod is updated"
                : $"partition {partition}: ordinals below {ordinalStart + partition} keep the old revision");
        var budget = new RolloutBudget(0, unavailableBudget, Math.Max(0, replicas - unavailableBudget), replicas, explanation);

        long sync = 0;
        while (true)
        {
            sync++;
            if (sync > options.SyncLimit(replicas))
                return Result(budget, recorder.Summary(RolloutOutcome.Stalls, $"no end after {sync - 1} syncs (simulation limit)", sync - 1) with { StoppedBySyncLimit = true }, notes);
            if (!recorder.NextSync())
                return Result(budget, recorder.Summary(RolloutOutcome.Stalls, RolloutRecorder.CapReason(sync), sync - 1) with { StoppedBySyncLimit = true }, notes);
            BecomeAvailable(sync);
            var skip = recorder.Skip(sync, replicas - frontier, frontier - partition, Shape(sync));
            if (skip.Skipped)
            {
                sync += skip.Syncs;
                frontier -= skip.Pods;
                foreach (var segment in inFlight)
                    segment.Shift(-skip.Pods, skip.Syncs, skip.Seconds);
            }

            // The status a sync writes counts the pods as they were before its rolling-update deletions.
            WriteStatus();
            var changed = Sync(sync, out var stoppedAt);
            recorder.Observe(sync, AvailableCount, ExistingCount);
            var complete = IsComplete;
            if (complete || (!changed && !inFlight.Any(segment => segment.BecomesAvailable)))
            {
                WriteStatus();
                return complete
                    ? Result(budget, recorder.Summary(RolloutOutcome.Completes, null, sync), notes)
                    : Result(budget, recorder.Summary(RolloutOutcome.Stalls, StallReason(stoppedAt), sync), notes);
            }
        }
    }

    /// <summary>The pods in flight relative to the frontier, the sync and the clock: equal shapes mean equal rounds.</summary>
    private long[] Shape(long sync)
    {
        var shape = new long[inFlight.Count * 5];
        for (var index = 0; index < inFlight.Count; index++)
        {
            var segment = inFlight[index];
            shape[index * 5] = segment.From - frontier;
            shape[(index * 5) + 1] = segment.Count;
            shape[(index * 5) + 2] = segment.Exists ? segment.AvailableSync - sync : -1;
            shape[(index * 5) + 3] = segment.BecomesAvailable ? segment.AvailableSeconds - recorder.Clock : -1;
            shape[(index * 5) + 4] = segment.Exists ? 1 : 0;
        }

        return shape;
    }

    private bool Sync(long sync, out long stoppedAt)
    {
        stoppedAt = -1;
        var changed = false;
        // Establish the invariant, lowest ordinal first: only updated ordinals can be missing or not available.
        for (var index = 0; index < inFlight.Count; index++)
        {
            var segment = inFlight[index];
            if (!segment.Exists)
            {
                if (orderedReady)
                {
                    Create(sync, index, 1);
                    return true;
                }

                Create(sync, index, segment.Count);
                changed = true;
            }
            else if (orderedReady)
            {
                stoppedAt = segment.From;
                return changed;
            }
        }

        return RollingUpdate(sync, ref stoppedAt) || changed;
    }

    private bool RollingUpdate(long sync, ref long stoppedAt)
    {
        if (maxUnavailable is null)
        {
            // Legacy: walking down from the top, the first pod in flight makes the controller wait.
            if (inFlight.Count > 0)
            {
                var highest = inFlight[inFlight.Count - 1];
                if (highest.Exists)
                    stoppedAt = highest.From + highest.Count - 1;
                return false;
            }

            if (frontier <= partition)
                return false;
            Delete(sync, 1);
            return true;
        }

        var allowed = Math.Min(maxUnavailable.Value - notAvailable, frontier - partition);
        if (allowed > 0)
        {
            Delete(sync, allowed);
            return true;
        }

        if (inFlight.LastOrDefault(segment => segment.Exists) is { } waiting)
            stoppedAt = waiting.From + waiting.Count - 1;
        return false;
    }

    private void BecomeAvailable(long sync)
    {
        for (var index = inFlight.Count - 1; index >= 0; index--)
        {
            var segment = inFlight[index];
            if (segment.BecomesAvailable && segment.AvailableSync <= sync)
            {
                inFlight.RemoveAt(index);
                notAvailable -= segment.Count;
                recorder.PodAvailable(sync, segment.AvailableSeconds);
            }
        }
    }

    /// <summary>Creates the lowest <paramref name="count"/> pods of a missing segment, at the update revision (they are all at or above the partition).</summary>
    private void Create(long sync, int index, long count)
    {
        var segment = inFlight[index];
        // The ordinal's old pod must be gone before a pod of the same name can be created.
        recorder.AdvanceTo(segment.OldGoneAt);
        recorder.PodCalls(count);
        var fails = options.NewPodsFail;
        var created = new Segment(segment.From, count)
        {
            Exists = true,
            BecomesAvailable = !fails,
            AvailableSync = fails ? 0 : sync + options.ReadinessLag,
            AvailableSeconds = fails ? 0 : recorder.Clock + options.SecondsToAvailable(WaitsForMinReady ? workload.MinReadySeconds.Value : 0),
        };
        if (count == segment.Count)
        {
            inFlight[index] = created;
        }
        else
        {
            inFlight[index] = new Segment(segment.From + count, segment.Count - count) { OldGoneAt = segment.OldGoneAt };
            inFlight.Insert(index, created);
        }

        // A rejected pod stays missing: the controller retries it on every sync and never gets further.
        if (!options.NewPodsRejected)
            missing -= count;
        Record(sync, RolloutAction.CreatePod, created.From, count, ascending: true, options.NewPodsRejected ? createRejectedFormat : createNewFormat, waitsForAvailability: false);
    }

    /// <summary>Deletes the <paramref name="count"/> highest outdated pods, from the top down.</summary>
    private void Delete(long sync, long count)
    {
        recorder.WaitForAvailability();
        recorder.PodCalls(count);
        frontier -= count;
        missing += count;
        notAvailable += count;
        Record(sync, RolloutAction.DeletePod, frontier, count, ascending: false, deleteFormat, waitsForAvailability: true);
        // The ordinal waits for its old pod to be gone: a stopping pod never runs beside its replacement.
        inFlight.Insert(0, new Segment(frontier, count) { OldGoneAt = recorder.Clock + termination });
    }

    /// <summary>One step per pod for small batches, as the controller's events read; one step for a large batch.</summary>
    private void Record(long sync, RolloutAction action, long from, long count, bool ascending, string format, bool waitsForAvailability)
    {
        var creating = action == RolloutAction.CreatePod;
        if (count <= ListedPodsPerBatch)
        {
            // The counts after each pod: the batch's later pods are still missing (creations) or still there (deletions).
            for (var done = 1L; done <= count; done++)
            {
                var ordinal = ascending ? from + done - 1 : from + count - done;
                var pending = count - done;
                var old = OldCount + (creating ? 0 : pending);
                var @new = NewCount - (creating ? pending : 0);
                recorder.Step(sync, action, PodName(ordinal), null, old, @new, AvailableCount + (creating ? 0 : pending), ExistingCount - (creating ? pending : -pending),
                    format, waitsForAvailability, index: ordinal);
            }

            return;
        }

        var first = ascending ? from : from + count - 1;
        var last = ascending ? from + count - 1 : from;
        recorder.Step(sync, action, $"{PodName(first)} … {PodName(last)}", null, OldCount, NewCount, AvailableCount, ExistingCount, format, waitsForAvailability, count, first);
    }

    /// <summary>
    /// OrderedReady stops at any pod that is not Available, and the maxUnavailable budget counts unavailable pods;
    /// a Parallel StatefulSet on the one-at-a-time path waits only for the replacement to be Running and Ready.
    /// </summary>
    private bool WaitsForMinReady => orderedReady || maxUnavailable is not null;

    private bool IsComplete => inFlight.Count == 0 && frontier <= partition;

    private string StallReason(long stoppedAt)
    {
        var pod = stoppedAt >= 0 ? PodName(stoppedAt) : "a new pod";
        var cause = options.NewPodsFailCause is { } why ? $"can never start ({why})" : options.NewPodsFail ? "never becomes Ready" : "is not Ready";
        var next = stoppedAt > partition ? $" and does not update {PodName(stoppedAt - 1)}" : string.Empty;
        var rollback = orderedReady
            ? "; reverting the template does not unblock it: delete the broken pod after the revert (forced rollback)"
            : string.Empty;
        return $"pod {pod} at the new revision {cause}: the controller waits for it{next}{rollback}";
    }

    /// <summary>kubectl rollout status for a StatefulSet (k8s-semantics §4).</summary>
    private void WriteStatus()
    {
        var ready = AvailableCount;
        var updatedCount = NewCount;
        if (ready < replicas)
        {
            recorder.Status("Waiting for {0} pods to be ready...", replicas - ready, 0);
            return;
        }

        if (blockPresent)
        {
            var target = replicas - partition;
            if (updatedCount < target)
                recorder.Status("Waiting for partitioned roll out to finish: {0} out of {1} new pods have been updated...", updatedCount, target);
            else
                recorder.Status("partitioned roll out complete: {0} new pods have been updated...", updatedCount, 0);
            return;
        }

        var revision = RolloutSimulator.NewName(workload);
        recorder.Status(updatedCount < replicas
            ? $"waiting for statefulset rolling update to complete {updatedCount} pods at revision {revision}..."
            : $"statefulset rolling update complete {replicas} pods at revision {revision}...");
    }

    private string PodName(long ordinal) => $"{name}-{ordinalStart + ordinal}";

    private long OldCount => frontier;

    private long NewCount => replicas - frontier - missing;

    private long AvailableCount => replicas - notAvailable;

    private long ExistingCount => replicas - missing;

    private RolloutResult Result(RolloutBudget budget, RolloutSummary summary, List<string> notes) =>
        new(workload, workload.Strategy.Type, replicas, options, budget, recorder.Steps, summary, recorder.StatusLines, notes, recorder.Repeats);

    /// <summary>Consecutive updated ordinals in one state: missing, or created and not available yet.</summary>
    private sealed class Segment(long from, long count)
    {
        public long From { get; private set; } = from;

        public long Count { get; } = count;

        public bool Exists { get; init; }

        /// <summary>False for a pod that never turns Ready (<see cref="RolloutOptions.NewPodsFail"/>).</summary>
        public bool BecomesAvailable { get; init; }

        public long AvailableSync { get; set; }

        public long AvailableSeconds { get; set; }

        /// <summary>When the deleted old pods of these ordinals are gone.</summary>
        public long OldGoneAt { get; set; }

        public void Shift(long ordinals, long syncs, long seconds)
        {
            From += ordinals;
            OldGoneAt += seconds;
            if (!BecomesAvailable)
                return;
            AvailableSync += syncs;
            AvailableSeconds += seconds;
        }
    }
}
