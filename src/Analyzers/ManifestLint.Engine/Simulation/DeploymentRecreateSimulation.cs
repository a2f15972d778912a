using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// Deployment Recreate (k8s-semantics §3.2): scale the old ReplicaSet to 0, wait until its pods are gone, then
/// create the new ReplicaSet at full size. Nothing serves in between: the outage window.
/// </summary>
internal static class DeploymentRecreateSimulation
{
    public static RolloutResult Run(Workload workload, RolloutOptions options)
    {
        var replicas = RolloutSimulator.Replicas(workload, options);
        var name = workload.Resource.Id.Name;
        var recorder = new RolloutRecorder(options, replicas, replicas, replicas);
        var budget = new RolloutBudget(0, replicas, 0, replicas, "Recreate: every old pod stops before any new pod starts");
        var notes = new List<string> { "the estimate leaves out how long old pods take to terminate (up to terminationGracePeriodSeconds)" };
        var deadline = workload.ProgressDeadlineSeconds?.Value ?? 600;
        var oldName = RolloutSimulator.OldName(workload);
        var newName = RolloutSimulator.NewName(workload);

        if (workload.Spec.Scalar("paused") is { Value: "true" })
        {
            recorder.Status($"Waiting for deployment \"{name}\" rollout to finish: 0 out of {replicas} new replicas have been updated...");
            return new RolloutResult(workload, "Recreate", replicas, options, budget, recorder.Steps,
                recorder.Summary(RolloutOutcome.Paused, "spec.paused is true: the controller does not roll out until `kubectl rollout resume`", 0), recorder.StatusLines, notes);
        }

        if (replicas == 0)
        {
            recorder.Status($"deployment \"{name}\" successfully rolled out");
            return new RolloutResult(workload, "Recreate", replicas, options, budget, recorder.Steps, recorder.Summary(RolloutOutcome.Completes, null, 0), recorder.StatusLines, notes);
        }

        recorder.Step(1, RolloutAction.ScaleDown, "old", 0, 0, 0, 0, 0, $"Scaled down replica set {Escape(oldName)} to {{1}}", waitsForAvailability: false);
        recorder.Status($"Waiting for deployment \"{name}\" rollout to finish: 0 out of {replicas} new replicas have been updated...");

        // Sync 2 runs once every old pod is gone; only then is the new ReplicaSet created at full size.
        recorder.Step(2, RolloutAction.ScaleUp, "new", replicas, 0, replicas, 0, replicas, $"Scaled up replica set {Escape(newName)} to {{1}}", waitsForAvailability: false);
        recorder.Status($"Waiting for deployment \"{name}\" rollout to finish: 0 of {replicas} updated replicas are available...");

        RolloutSummary summary;
        if (options.NewPodsFail)
        {
            var deadlineSeconds = deadline >= RolloutSimulator.NoProgressDeadline ? (long?)null : deadline;
            if (deadlineSeconds is not null)
                recorder.Status($"error: deployment \"{name}\" exceeded its progress deadline");
            summary = recorder.Summary(RolloutOutcome.Stalls, $"{options.NewPodsFailure}: 0 of {replicas} available, and Recreate has already removed every old pod", 2, deadlineSeconds);
        }
        else
        {
            var availableSync = 2 + options.ReadinessLag;
            recorder.PodAvailable(availableSync, options.SecondsToAvailable(workload.MinReadySeconds.Value));
            recorder.Status($"deployment \"{name}\" successfully rolled out");
            summary = recorder.Summary(RolloutOutcome.Completes, null, availableSync);
        }

        return new RolloutResult(workload, "Recreate", replicas, options, budget, recorder.Steps, summary, recorder.StatusLines, notes);
    }

    private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");
}
