using ManifestLint.Engine.Model;
using ManifestLint.Engine.Rules.UpdateStrategy;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class MaxUnavailableAllReplicasRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2006", Name: "max-unavailable-all-replicas", Title: "maxUnavailable resolves to all replicas",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a `maxUnavailable` that resolves to every pod: on a Deployment or StatefulSet a value at or above
            `replicas` (integers are clamped to `replicas`, percentages scaled and rounded down), on a DaemonSet
            `100%`, which means every node whatever their number.

            ## Why is this bad?
            The controller may take every pod down at once: a Deployment scales the old ReplicaSet to zero while
            the new pods are still starting, so the rollout is an outage, exactly like `Recreate` but less honest.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 100%
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 25%
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            ## Known problems
            A DaemonSet's integer `maxUnavailable` depends on the number of nodes and is not judged. A single-replica
            Deployment without surge is left to ML2007, and values over 100% to ML2002.
            """);

    public override void Check(RuleContext context)
    {
        if (ValidatedStrategy.From(context) is not { AllValid: true, BothZero: false, MaxUnavailable: { } maxUnavailable } validated)
            return;
        if (maxUnavailable.IsPercent && maxUnavailable.Value > 100)
            return;
        var node = validated.Strategy.NodeOf(maxUnavailable);
        switch (validated.Kind)
        {
            case WorkloadKind.DaemonSet:
                if (maxUnavailable is { IsPercent: true, Value: 100 })
                    context.Report(node, "maxUnavailable 100% lets the rollout take the daemon down on every node at once");
                break;
            case WorkloadKind.Deployment when validated.Workload.Replicas is { Value: > 0 } replicas:
                var fenceposts = RolloutMath.ResolveDeployment(validated.MaxSurge, maxUnavailable, replicas.Value);
                // One replica without surge is ML2007's finding.
                if (fenceposts.MaxUnavailable < replicas.Value || (replicas.Value == 1 && fenceposts.Surge == 0))
                    return;
                context.Report(node, $"{Resolved(maxUnavailable, fenceposts.Unavailable, replicas)}: a rollout may take every pod down at once");
                break;
            case WorkloadKind.StatefulSet when validated.Workload.Replicas is { Value: > 1 } replicas:
                var unavailable = RolloutMath.ResolveStatefulSetMaxUnavailable(maxUnavailable, replicas.Value);
                if (unavailable >= replicas.Value)
                    context.Report(node, $"{Resolved(maxUnavailable, unavailable, replicas)}: a rollout may take every pod down at once");
                break;
        }
    }

    private static string Resolved(IntOrPercent maxUnavailable, long resolved, Defaulted<long> replicas) => maxUnavailable.IsPercent
        ? $"maxUnavailable {maxUnavailable.Display} of {StrategyText.Replicas(replicas)} resolves to {resolved}"
        : $"maxUnavailable {maxUnavailable.Display} is not below the {StrategyText.Replicas(replicas)}";
}
