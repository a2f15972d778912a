using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Deployment Recreate (k8s-semantics §3.2): scale the old ReplicaSet to 0, wait until its pods are gone (up to
/// terminationGracePeriodSeconds), then create the new ReplicaSet at full size. Nothing serves in between: the
/// outage window. A replicas change in the same apply is a scaling event the controller handles first.
/// </summary>
internal static class DeploymentRecreateSimulation
{
    public static RolloutResult Run(Workload workload, RolloutOptions options)
    {
        var replicas = RolloutSimulator.Replicas(workload, options);
        var start = options.StartReplicas(replicas);
        var name = workload.Resource.Id.Name;
        var recorder = new RolloutRecorder(options, replicas, start, start);
        var budget = new RolloutBudget(0, replicas, 0, replicas, "Recreate: every old pod stops before any new pod starts");
        var termination = options.SecondsToTerminate(workload);
        var notes = new List<string>();
        var deadline = workload.ProgressDeadlineSeconds?.Value ?? 600;
        var oldName = Escape(RolloutSimulator.OldName(workload));
        var newName = Escape(RolloutSimulator.NewName(workload));
        var updating = $"Waiting for deployment \"{name}\" rollout to finish: 0 out of {replicas} new replicas have been updated...";
        recorder.Status(RolloutSimulator.SpecUpdateNotObserved);

        long sync = 0;
        var old = start;
        if (start != replicas)
        {
            // The scaling event comes first (sync.go scale), paused or not; the new pods of the old ReplicaSet are not available yet.
            sync++;
            recorder.PodCalls(Math.Abs(replicas - start));
            recorder.Step(sync, replicas > start ? RolloutAction.ScaleUp : RolloutAction.ScaleDown, "old", replicas, replicas, 0, Math.Min(start, replicas), replicas,
                RolloutSimulator.ScalingEvent(replicas > start, oldName, options.KubernetesVersion), waitsForAvailability: false, from: start);
            recorder.Terminate(sync, start - replicas, termination);
            notes.Add(replicas > start
                ? $"spec.replicas changes with the pod template: the controller first scales the old ReplicaSet to {replicas}, creating old-version pods that Recreate then stops"
                : $"spec.replicas changes with the pod template: the controller first scales the old ReplicaSet down to {replicas}");
            old = replicas;
        }

        if (workload.Spec.Scalar("paused") is { Value: "true" })
        {
            recorder.Status(updating);
            return new RolloutResult(workload, "Recreate", replicas, options, budget, recorder.Steps,
                recorder.Summary(RolloutOutcome.Paused, "spec.paused is true: the controller does not roll out until `kubectl rollout resume`", sync), recorder.StatusLines, notes);
        }

        if (replicas == 0)
        {
            recorder.Status($"deployment \"{name}\" successfully rolled out");
            return new RolloutResult(workload, "Recreate", replicas, options, budget, recorder.Steps, recorder.Summary(RolloutOutcome.Completes, null, sync), recorder.StatusLines, notes);
        }

        sync++;
        recorder.PodCalls(old);
        recorder.Step(sync, RolloutAction.ScaleDown, "old", 0, 0, 0, 0, 0, RolloutSimulator.ScalingEvent(up: false, oldName, options.KubernetesVersion), waitsForAvailability: false, from: old);
        recorder.Terminate(sync, old, termination);
        recorder.Observe(sync, 0, 0);
        recorder.Status(updating);

        // The next sync runs once every old pod is gone; only then is the new ReplicaSet created at full size.
        recorder.WaitForTermination();
        notes.Add(options.TerminationSeconds is null
            ? $"old pods stop before new ones start: the replay allows terminationGracePeriodSeconds ({termination} s), the longest they can take; --termination-seconds gives the real shutdown time"
            : $"old pods stop before new ones start: the replay allows {termination} s (--termination-seconds) for them to stop");
        sync++;
        recorder.PodCalls(replicas);
        recorder.Step(sync, RolloutAction.ScaleUp, "new", replicas, 0, replicas, 0, replicas, RolloutSimulator.ScalingEvent(up: true, newName, options.KubernetesVersion), waitsForAvailability: false, from: 0);
        recorder.Status($"Waiting for deployment \"{name}\" rollout to finish: 0 of {replicas} updated replicas are available...");

        RolloutSummary summary;
        if (options.NewPodsFail)
        {
            var deadlineSeconds = deadline >= RolloutSimulator.NoProgressDeadline ? (long?)null : deadline;
            if (deadlineSeconds is not null)
                recorder.Status($"error: deployment \"{name}\" exceeded its progress deadline");
            summary = recorder.Summary(RolloutOutcome.Stalls, $"{options.NewPodsFailure}: 0 of {replicas} available, and Recreate has already removed every old pod", sync, deadlineSeconds);
        }
        else
        {
            var availableSync = sync + options.ReadinessLag;
            recorder.PodAvailable(availableSync, recorder.Clock + options.SecondsToAvailable(workload.MinReadySeconds.Value));
            recorder.Status($"deployment \"{name}\" successfully rolled out");
            summary = recorder.Summary(RolloutOutcome.Completes, null, availableSync);
        }

        return new RolloutResult(workload, "Recreate", replicas, options, budget, recorder.Steps, summary, recorder.StatusLines, notes);
    }

    private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");
}
