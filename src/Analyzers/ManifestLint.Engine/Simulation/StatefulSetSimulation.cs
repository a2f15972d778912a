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
    private readonly Workload workload;
    private readonly RolloutOptions options;
    private readonly RolloutRecorder recorder;
    private readonly int replicas;
    private readonly int partition;
    private readonly long ordinalStart;
    private readonly bool orderedReady;
    private readonly bool blockPresent;
    private readonly long? maxUnavailable;
    private readonly bool[] exists;
    private readonly bool[] updated;
    private readonly bool[] available;
    private readonly int[] availableSync;
    private readonly long[] availableSeconds;
    private readonly string name;
    private int pendingPods;

    public StatefulSetSimulation(Workload workload, RolloutOptions options)
    {
        this.workload = workload;
        this.options = options;
        name = workload.Resource.Id.Name;
        replicas = (int)Math.Min(int.MaxValue / 2, RolloutSimulator.Replicas(workload, options));
        var strategy = workload.Strategy;
        partition = (int)Math.Min(replicas, strategy.Partition?.Value ?? 0);
        ordinalStart = workload.Spec.Mapping("ordinals")?.Scalar("start") is { } start && start.TryGetInteger(out var first) ? first : 0;
        orderedReady = workload.Spec.String("podManagementPolicy") != "Parallel";
        // Defaulting creates the rollingUpdate block only when the type was omitted.
        blockPresent = strategy.RollingUpdate is not null || strategy.TypeNode is not { Value.Length: > 0 };
        if (strategy.IsRollingUpdate && RolloutMath.MaxUnavailableStatefulSetEnabled(options.KubernetesVersion) && strategy.MaxUnavailable is { } written)
            maxUnavailable = RolloutMath.ResolveStatefulSetMaxUnavailable(written, replicas);
        recorder = new RolloutRecorder(options, replicas, replicas, replicas);
        exists = Enumerable.Repeat(true, replicas).ToArray();
        available = Enumerable.Repeat(true, replicas).ToArray();
        updated = new bool[replicas];
        availableSync = new int[replicas];
        availableSeconds = new long[replicas];
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
        if (partition > 0)
            notes.Add(partition >= replicas
                ? $"partition {partition} is not below replicas {replicas}: no pod is updated"
                : $"partition {partition}: ordinals below {ordinalStart + partition} keep the old revision");
        var budget = new RolloutBudget(0, unavailableBudget, Math.Max(0, replicas - unavailableBudget), replicas, explanation);

        var sync = 0;
        while (true)
        {
            sync++;
            if (sync > options.SyncLimit(replicas))
                return Result(budget, recorder.Summary(RolloutOutcome.Stalls, $"no end after {sync - 1} syncs (simulation limit)", sync - 1) with { StoppedBySyncLimit = true }, notes);
            BecomeAvailable(sync);
            // The status a sync writes counts the pods as they were before its rolling-update deletions.
            recorder.Status(StatusLine());
            var changed = Sync(sync, out var stoppedAt);
            recorder.Observe(sync, AvailableCount(), ExistingCount());
            var complete = IsComplete();
            if (complete || (!changed && pendingPods == 0))
            {
                recorder.Status(StatusLine());
                return complete
                    ? Result(budget, recorder.Summary(RolloutOutcome.Completes, null, sync), notes)
                    : Result(budget, recorder.Summary(RolloutOutcome.Stalls, StallReason(stoppedAt), sync), notes);
            }
        }
    }

    private bool Sync(int sync, out int stoppedAt)
    {
        stoppedAt = -1;
        var changed = false;
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (!exists[ordinal])
            {
                Create(sync, ordinal);
                changed = true;
                if (orderedReady)
                    return true;
            }
            else if (orderedReady && !available[ordinal])
            {
                stoppedAt = ordinal;
                return changed;
            }
        }

        return RollingUpdate(sync, ref stoppedAt) || changed;
    }

    private bool RollingUpdate(int sync, ref int stoppedAt)
    {
        if (maxUnavailable is null)
        {
            // Legacy: delete the first outdated pod from the top, or wait for an unhealthy one on the way.
            for (var ordinal = replicas - 1; ordinal >= partition; ordinal--)
            {
                if (!exists[ordinal])
                    return false;
                if (!updated[ordinal])
                {
                    Delete(sync, ordinal);
                    return true;
                }

                if (!available[ordinal])
                {
                    stoppedAt = ordinal;
                    return false;
                }
            }

            return false;
        }

        var unavailable = 0L;
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (!exists[ordinal] || !available[ordinal])
                unavailable++;
        }

        var allowed = maxUnavailable.Value - unavailable;
        var changed = false;
        for (var ordinal = replicas - 1; ordinal >= partition && allowed > 0; ordinal--)
        {
            if (exists[ordinal] && !updated[ordinal])
            {
                Delete(sync, ordinal);
                allowed--;
                changed = true;
            }
        }

        if (!changed)
            stoppedAt = Enumerable.Range(0, replicas).Reverse().Where(ordinal => exists[ordinal] && !available[ordinal]).DefaultIfEmpty(-1).First();
        return changed;
    }

    private void BecomeAvailable(int sync)
    {
        if (pendingPods == 0)
            return;
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (exists[ordinal] && !available[ordinal] && availableSync[ordinal] > 0 && availableSync[ordinal] <= sync)
            {
                available[ordinal] = true;
                pendingPods--;
                recorder.PodAvailable(sync, availableSeconds[ordinal]);
            }
        }
    }

    private void Create(int sync, int ordinal)
    {
        exists[ordinal] = true;
        updated[ordinal] = ordinal >= partition;
        available[ordinal] = false;
        var fails = updated[ordinal] && options.NewPodsFail;
        availableSync[ordinal] = fails ? 0 : sync + options.ReadinessLag;
        if (!fails)
        {
            pendingPods++;
            availableSeconds[ordinal] = recorder.Clock + options.SecondsToAvailable(workload.MinReadySeconds.Value);
        }

        recorder.Step(sync, RolloutAction.CreatePod, PodName(ordinal), null, OldCount(), NewCount(), AvailableCount(), ExistingCount(),
            $"create Pod {{0}} in StatefulSet {name.Replace("{", "{{").Replace("}", "}}")} successful ({(updated[ordinal] ? "new" : "old")} revision)", waitsForAvailability: false);
    }

    private void Delete(int sync, int ordinal)
    {
        exists[ordinal] = false;
        available[ordinal] = false;
        recorder.Step(sync, RolloutAction.DeletePod, PodName(ordinal), null, OldCount(), NewCount(), AvailableCount(), ExistingCount(),
            $"delete Pod {{0}} in StatefulSet {name.Replace("{", "{{").Replace("}", "}}")} successful (old revision)", waitsForAvailability: true);
    }

    private bool IsComplete()
    {
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (!exists[ordinal] || !available[ordinal] || (ordinal >= partition && !updated[ordinal]))
                return false;
        }

        return true;
    }

    private string StallReason(int stoppedAt)
    {
        var pod = stoppedAt >= 0 ? PodName(stoppedAt) : "a new pod";
        var cause = options.NewPodsFail ? "never becomes Ready" : "is not Ready";
        var next = stoppedAt > partition ? $" and does not update {PodName(stoppedAt - 1)}" : string.Empty;
        var rollback = orderedReady
            ? "; reverting the template does not unblock it: delete the broken pod after the revert (forced rollback)"
            : string.Empty;
        return $"pod {pod} at the new revision {cause}: the controller waits for it{next}{rollback}";
    }

    /// <summary>kubectl rollout status for a StatefulSet (k8s-semantics §4).</summary>
    private string StatusLine()
    {
        var ready = AvailableCount();
        var updatedCount = NewCount();
        if (ready < replicas)
            return $"Waiting for {replicas - ready} pods to be ready...";
        if (blockPresent)
        {
            var target = replicas - partition;
            return updatedCount < target
                ? $"Waiting for partitioned roll out to finish: {updatedCount} out of {target} new pods have been updated..."
                : $"partitioned roll out complete: {updatedCount} new pods have been updated...";
        }

        return updatedCount < replicas
            ? $"waiting for statefulset rolling update to complete {updatedCount} pods at revision {RolloutSimulator.NewName(workload)}..."
            : $"statefulset rolling update complete {replicas} pods at revision {RolloutSimulator.NewName(workload)}...";
    }

    private string PodName(int ordinal) => $"{name}-{ordinalStart + ordinal}";

    private long OldCount() => Count(ordinal => exists[ordinal] && !updated[ordinal]);

    private long NewCount() => Count(ordinal => exists[ordinal] && updated[ordinal]);

    private long AvailableCount() => Count(ordinal => exists[ordinal] && available[ordinal]);

    private long ExistingCount() => Count(ordinal => exists[ordinal]);

    private long Count(Func<int, bool> predicate)
    {
        long count = 0;
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (predicate(ordinal))
                count++;
        }

        return count;
    }

    private RolloutResult Result(RolloutBudget budget, RolloutSummary summary, List<string> notes) =>
        new(workload, workload.Strategy.Type, replicas, options, budget, recorder.Steps, summary, recorder.StatusLines, notes);
}
