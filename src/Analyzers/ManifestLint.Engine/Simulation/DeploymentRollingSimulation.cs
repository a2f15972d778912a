using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Deployment RollingUpdate, one old ReplicaSet as the start state (k8s-semantics §3.1): a sync creates the new
/// ReplicaSet if absent, then reconcileNewReplicaSet (a change ends the sync), then reconcileOldReplicaSets
/// (cleanupUnhealthyReplicas, then scale-down within the availability floor).
/// </summary>
internal sealed class DeploymentRollingSimulation
{
    private readonly Workload workload;
    private readonly RolloutOptions options;
    private readonly long replicas;
    private readonly DeploymentFenceposts fenceposts;
    private readonly long termination;
    private readonly Queue<Cohort> pending = new();
    private readonly Queue<Cohort> oldPending = new();
    private readonly RolloutRecorder recorder;
    private readonly string name;
    private readonly string scaleDownOld;
    private readonly string scaleUpOld;
    private readonly string scaleUpNew;
    private readonly string scaleDownNew;
    private readonly string statusUpdating;
    private readonly string statusOldPending;
    private readonly string statusAvailable;
    private long oldReplicas;
    private long oldUnavailable;
    private long newReplicas;
    private long newAvailable;
    private bool newCreated;

    public DeploymentRollingSimulation(Workload workload, RolloutOptions options)
    {
        this.workload = workload;
        this.options = options;
        replicas = RolloutSimulator.Replicas(workload, options);
        fenceposts = RolloutMath.ResolveDeployment(workload.Strategy.MaxSurge!, workload.Strategy.MaxUnavailable!, replicas);
        oldReplicas = options.StartReplicas(replicas);
        termination = options.SecondsToTerminate(workload);
        recorder = new RolloutRecorder(options, replicas, oldReplicas, oldReplicas);
        name = workload.Resource.Id.Name;
        var version = options.KubernetesVersion;
        scaleDownOld = RolloutSimulator.ScalingEvent(up: false, Escape(RolloutSimulator.OldName(workload)), version);
        scaleUpOld = RolloutSimulator.ScalingEvent(up: true, Escape(RolloutSimulator.OldName(workload)), version);
        scaleUpNew = RolloutSimulator.ScalingEvent(up: true, Escape(RolloutSimulator.NewName(workload)), version);
        scaleDownNew = RolloutSimulator.ScalingEvent(up: false, Escape(RolloutSimulator.NewName(workload)), version);
        var waiting = $"Waiting for deployment \"{Escape(name)}\" rollout to finish: ";
        statusUpdating = waiting + "{0} out of {1} new replicas have been updated...";
        statusOldPending = waiting + "{0} old replicas are pending termination...";
        statusAvailable = waiting + "{0} of {1} updated replicas are available...";
    }

    public RolloutResult Run()
    {
        var notes = new List<string>();
        var deadline = workload.ProgressDeadlineSeconds?.Value ?? 600;
        var budget = Budget();
        recorder.Status(RolloutSimulator.SpecUpdateNotObserved);
        // Paused or not, the controller scales (syncDeployment calls sync for both).
        long sync = 0;
        if (oldReplicas != replicas)
        {
            // A scaling event comes first (sync.go: isScalingEvent, then scale): the sync resizes the old ReplicaSet
            // to the new count and ends, before the new ReplicaSet exists.
            sync++;
            var scalesUp = replicas > oldReplicas;
            ScaleOld(sync, replicas);
            recorder.Observe(sync, oldReplicas - oldUnavailable, oldReplicas);
            WriteStatus();
            notes.Add(scalesUp
                ? $"spec.replicas changes with the pod template: the controller first scales the old ReplicaSet to {replicas}, creating old-version pods that the rollout then replaces"
                : $"spec.replicas changes with the pod template: the controller first scales the old ReplicaSet down to {replicas}, then rolls out");
        }

        if (workload.Spec.Scalar("paused") is { Value: "true" })
        {
            WriteStatus();
            return Result(budget, recorder.Summary(RolloutOutcome.Paused, "spec.paused is true: the controller does not roll out until `kubectl rollout resume`", sync), notes);
        }

        if (replicas == 0)
        {
            notes.Add("replicas is 0: the new ReplicaSet is created with 0 pods, nothing rolls");
            WriteStatus();
            return Result(budget, recorder.Summary(RolloutOutcome.Completes, null, sync), notes);
        }

        while (true)
        {
            sync++;
            if (sync > options.SyncLimit(replicas))
                return Stalled(budget, notes, sync - 1, deadline, $"no end after {sync - 1} syncs (simulation limit)", stoppedBySyncLimit: true);
            if (!recorder.NextSync())
                return Stalled(budget, notes, sync - 1, deadline, RolloutRecorder.CapReason(sync), stoppedBySyncLimit: true);

            BecomeAvailable(sync);
            var skip = recorder.Skip(sync, replicas - oldReplicas, oldReplicas, Shape(sync));
            if (skip.Skipped)
            {
                sync += skip.Syncs;
                oldReplicas -= skip.Pods;
                newReplicas += skip.Pods;
                newAvailable += skip.Pods;
                var shifted = pending.Select(cohort => cohort with { AvailableSync = cohort.AvailableSync + skip.Syncs, AvailableSeconds = cohort.AvailableSeconds + skip.Seconds }).ToArray();
                pending.Clear();
                foreach (var cohort in shifted)
                    pending.Enqueue(cohort);
            }

            var changed = Sync(sync);
            recorder.Observe(sync, oldReplicas - oldUnavailable + newAvailable, oldReplicas + newReplicas);
            WriteStatus();

            if (IsComplete)
                return Result(budget, recorder.Summary(RolloutOutcome.Completes, null, sync), notes);
            if (!changed && pending.Count == 0 && oldPending.Count == 0)
                return Stalled(budget, notes, sync, deadline, StallReason());
        }
    }

    /// <summary>The pods in flight relative to the sync and the clock: equal shapes mean equal rounds.</summary>
    private long[] Shape(long sync)
    {
        var shape = new List<long> { newCreated ? 1 : 0, newReplicas - newAvailable, oldReplicas + newReplicas - replicas, oldUnavailable, oldPending.Count };
        foreach (var cohort in pending)
        {
            shape.Add(cohort.Count);
            shape.Add(cohort.AvailableSync - sync);
            shape.Add(cohort.AvailableSeconds - recorder.Clock);
        }

        return shape.ToArray();
    }

    private bool IsComplete => newReplicas == replicas && oldReplicas == 0 && newAvailable == replicas;

    private bool Sync(long sync)
    {
        var created = false;
        if (!newCreated)
        {
            // The new ReplicaSet is created already scaled to NewRSNewReplicas; its pods are not available yet.
            newCreated = true;
            var initial = NewReplicaSetReplicas();
            if (initial > 0)
            {
                ScaleNew(sync, initial);
                created = true;
            }
        }

        if (ReconcileNewReplicaSet(sync))
            return true;
        return ReconcileOldReplicaSets(sync) || created;
    }

    private bool ReconcileNewReplicaSet(long sync)
    {
        if (newReplicas == replicas)
            return false;
        var target = newReplicas > replicas ? replicas : NewReplicaSetReplicas();
        if (target == newReplicas)
            return false;
        ScaleNew(sync, target);
        return true;
    }

    private bool ReconcileOldReplicaSets(long sync)
    {
        if (oldReplicas == 0)
            return false;
        var allPods = oldReplicas + newReplicas;
        var newUnavailable = newReplicas - newAvailable;
        var maxScaledDown = allPods - fenceposts.MinAvailable - newUnavailable;
        if (maxScaledDown <= 0)
            return false;

        // Availability as observed at the start of the sync; removing unavailable pods does not change it.
        var available = oldReplicas - oldUnavailable + newAvailable;

        // cleanupUnhealthyReplicas: old pods that are not available yet (a scaling event just created them) go first.
        var cleaned = Math.Min(maxScaledDown, oldUnavailable);
        if (cleaned > 0)
        {
            RemoveUnavailableOld(cleaned);
            oldReplicas -= cleaned;
            recorder.PodCalls(cleaned);
            recorder.Terminate(sync, cleaned, termination);
            recorder.Step(sync, RolloutAction.ScaleDown, "old", oldReplicas, oldReplicas, newReplicas, available, oldReplicas + newReplicas,
                scaleDownOld, waitsForAvailability: false, from: oldReplicas + cleaned);
        }

        // scaleDownOldReplicaSetsForRollingUpdate.
        if (available <= fenceposts.MinAvailable || oldReplicas == 0)
            return cleaned > 0;
        var scaleDown = Math.Min(oldReplicas, available - fenceposts.MinAvailable);
        oldReplicas -= scaleDown;
        recorder.WaitForAvailability();
        recorder.PodCalls(scaleDown);
        recorder.Terminate(sync, scaleDown, termination);
        recorder.Step(sync, RolloutAction.ScaleDown, "old", oldReplicas, oldReplicas, newReplicas, oldReplicas - oldUnavailable + newAvailable, oldReplicas + newReplicas,
            scaleDownOld, waitsForAvailability: true, from: oldReplicas + scaleDown);
        return true;
    }

    /// <summary>The scaling event: the old ReplicaSet grows (its new pods are not available yet) or shrinks to <paramref name="target"/>.</summary>
    private void ScaleOld(long sync, long target)
    {
        var added = target - oldReplicas;
        recorder.PodCalls(Math.Abs(added));
        if (added < 0)
        {
            RemoveUnavailableOld(Math.Min(-added, oldUnavailable));
            recorder.Terminate(sync, -added, termination);
        }

        oldReplicas = target;
        if (added > 0)
        {
            oldUnavailable += added;
            oldPending.Enqueue(new Cohort(added, sync + options.ReadinessLag, recorder.Clock + options.SecondsToAvailable(workload.MinReadySeconds.Value)));
        }

        recorder.Step(sync, added >= 0 ? RolloutAction.ScaleUp : RolloutAction.ScaleDown, "old", oldReplicas, oldReplicas, newReplicas,
            oldReplicas - oldUnavailable + newAvailable, oldReplicas + newReplicas, added >= 0 ? scaleUpOld : scaleDownOld, waitsForAvailability: false, from: target - added);
    }

    /// <summary>Removes <paramref name="count"/> old pods that are not available yet, the youngest first.</summary>
    private void RemoveUnavailableOld(long count)
    {
        oldUnavailable -= count;
        var kept = oldPending.ToArray();
        oldPending.Clear();
        for (var index = kept.Length - 1; index >= 0 && count > 0; index--)
        {
            var removed = Math.Min(count, kept[index].Count);
            kept[index] = kept[index] with { Count = kept[index].Count - removed };
            count -= removed;
        }

        foreach (var cohort in kept.Where(cohort => cohort.Count > 0))
            oldPending.Enqueue(cohort);
    }

    /// <summary>deployment_util NewRSNewReplicas: grow the new ReplicaSet up to replicas + maxSurge pods in total.</summary>
    private long NewReplicaSetReplicas()
    {
        var current = oldReplicas + newReplicas;
        if (current >= fenceposts.MaxTotal)
            return newReplicas;
        return newReplicas + Math.Min(fenceposts.MaxTotal - current, replicas - newReplicas);
    }

    private void ScaleNew(long sync, long target)
    {
        var added = target - newReplicas;
        newReplicas = target;
        // The ReplicaSet controller creates or deletes the pods; the new ones start from when their creation went through.
        recorder.PodCalls(Math.Abs(added));
        if (added < 0)
            recorder.Terminate(sync, -added, termination);
        if (added > 0 && !options.NewPodsFail)
            pending.Enqueue(new Cohort(added, sync + options.ReadinessLag, recorder.Clock + options.SecondsToAvailable(workload.MinReadySeconds.Value)));
        recorder.Step(sync, added >= 0 ? RolloutAction.ScaleUp : RolloutAction.ScaleDown, "new", newReplicas, oldReplicas, newReplicas,
            oldReplicas - oldUnavailable + newAvailable, oldReplicas + newReplicas, added >= 0 ? scaleUpNew : scaleDownNew, waitsForAvailability: false, from: target - added);
    }

    private void BecomeAvailable(long sync)
    {
        // Old pods from a scaling event are old-version pods: they start as any pod does.
        while (oldPending.Count > 0 && oldPending.Peek().AvailableSync <= sync)
        {
            var cohort = oldPending.Dequeue();
            oldUnavailable -= cohort.Count;
            recorder.PodAvailable(sync, cohort.AvailableSeconds);
        }

        while (pending.Count > 0 && pending.Peek().AvailableSync <= sync)
        {
            var cohort = pending.Dequeue();
            newAvailable += cohort.Count;
            recorder.PodAvailable(sync, cohort.AvailableSeconds);
        }
    }

    private string StallReason()
    {
        var unavailable = newReplicas - newAvailable;
        var floor = fenceposts.MinAvailable;
        var reason = options.NewPodsFail
            ? $"{options.NewPodsFailure}: {unavailable} of {newReplicas} new pods unavailable"
            : $"{unavailable} of {newReplicas} new pods unavailable";
        if (oldReplicas > 0)
            reason += $"; the old ReplicaSet stays at {oldReplicas} to keep minAvailable {floor}";
        if (oldReplicas + newReplicas >= fenceposts.MaxTotal && newReplicas < replicas)
            reason += $", and maxSurge allows no more than {fenceposts.MaxTotal} pods";
        return reason;
    }

    private RolloutResult Stalled(RolloutBudget budget, List<string> notes, long sync, long deadline, string reason, bool stoppedBySyncLimit = false)
    {
        var deadlineSeconds = deadline >= RolloutSimulator.NoProgressDeadline ? (long?)null : deadline;
        if (deadlineSeconds is null)
        {
            notes.Add($"progressDeadlineSeconds is {RolloutSimulator.NoProgressDeadline}: the controller never marks the rollout as failed");
        }
        else
        {
            recorder.Status($"error: deployment \"{name}\" exceeded its progress deadline");
            notes.Add($"ProgressDeadlineExceeded: {deadline} s (progressDeadlineSeconds) after the last progress in sync {recorder.LastProgressSync}, the Progressing condition turns False; the controller keeps the rollout as it is and `kubectl rollout status` exits with an error");
        }

        return Result(budget, recorder.Summary(RolloutOutcome.Stalls, reason, sync, deadlineSeconds) with { StoppedBySyncLimit = stoppedBySyncLimit }, notes);
    }

    private RolloutBudget Budget()
    {
        var strategy = workload.Strategy;
        var explanation = RolloutSimulator.Describe("maxSurge", strategy.MaxSurge!, replicas, "replica", roundUp: true) + ", " +
                          RolloutSimulator.Describe("maxUnavailable", strategy.MaxUnavailable!, replicas, "replica", roundUp: false);
        if (fenceposts.UnavailableForced)
            explanation += "; both 0, so the controller allows 1 unavailable pod";
        else if (fenceposts.Unavailable > replicas)
            explanation += $", clamped to {fenceposts.MaxUnavailable}";
        return new RolloutBudget(fenceposts.Surge, fenceposts.MaxUnavailable, fenceposts.MinAvailable, fenceposts.MaxTotal, explanation);
    }

    private RolloutResult Result(RolloutBudget budget, RolloutSummary summary, List<string> notes) =>
        new(workload, UpdateStrategy.RollingUpdateType, replicas, options, budget, recorder.Steps, summary, recorder.StatusLines, notes, recorder.Repeats);

    /// <summary>kubectl rollout status for a Deployment (k8s-semantics §4), from the counts after a sync.</summary>
    private void WriteStatus()
    {
        var updated = newReplicas;
        var total = oldReplicas + newReplicas;
        var available = oldReplicas - oldUnavailable + newAvailable;
        if (updated < replicas)
            recorder.Status(statusUpdating, updated, replicas);
        else if (total > updated)
            recorder.Status(statusOldPending, total - updated, 0);
        else if (available < updated)
            recorder.Status(statusAvailable, available, updated);
        else
            recorder.Status($"deployment \"{name}\" successfully rolled out");
    }

    private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");

    /// <summary>New pods created in one sync: they turn available together.</summary>
    private readonly record struct Cohort(long Count, long AvailableSync, long AvailableSeconds);
}
