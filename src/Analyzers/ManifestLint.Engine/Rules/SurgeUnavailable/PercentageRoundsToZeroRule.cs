using ManifestLint.Engine.Model;
using ManifestLint.Engine.Rules.UpdateStrategy;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class PercentageRoundsToZeroRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2005", Name: "percentage-rounds-to-zero", Title: "A maxUnavailable percentage resolves to 0 pods against the replicas",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Resolves a written, non-zero `maxUnavailable` percentage against `replicas` the way the controller does
            and flags it when it rounds down to 0 pods. Deployment `maxSurge` rounds up and DaemonSet values round
            up too, so only `maxUnavailable` of Deployments and StatefulSets can vanish this way.

            ## Why is this bad?
            The number written is not the number used. On a Deployment, `25%` of 3 replicas is 0: with a non-zero
            `maxSurge` the rollout never takes a pod down and depends entirely on surge capacity; with `maxSurge` 0
            the controller forces 1 unavailable pod, which the manifest seems to forbid. On a StatefulSet the
            controller raises the 0 to 1.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate:
                  maxSurge: 0
                  maxUnavailable: 25%
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
              replicas: 3
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate:
                  maxSurge: 0
                  maxUnavailable: 1
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            ## Known problems
            Kubernetes' own defaults (25% on Deployments) are not reported, and neither is a single-replica
            Deployment without surge, which ML2007 reports.

            ## References
            - [Max Unavailable](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable)
            """);

    public override void Check(RuleContext context)
    {
        if (ValidatedStrategy.From(context) is not { AllValid: true, BothZero: false } validated ||
            validated.MaxUnavailable is not { IsPercent: true, IsZero: false, Node: { } node } maxUnavailable ||
            validated.Workload.Replicas is not { Value: > 0 } replicas)
            return;

        var replicasText = StrategyText.Replicas(replicas);
        if (validated.Kind == WorkloadKind.Deployment)
        {
            var fenceposts = RolloutMath.ResolveDeployment(validated.MaxSurge, maxUnavailable, replicas.Value);
            if (maxUnavailable.Scale(replicas.Value, roundUp: false) != 0 || (replicas.Value == 1 && fenceposts.Surge == 0))
                return;
            var maxSurge = validated.MaxSurge!;
            var surgeText = maxSurge.IsDefault ? $"the default maxSurge {maxSurge.Display}" : $"maxSurge {maxSurge.Display}";
            var consequence = fenceposts.UnavailableForced
                ? $"; with {surgeText} the controller forces 1 unavailable pod"
                : $": no pod may be unavailable, so only {surgeText} ({fenceposts.Surge} extra) moves the rollout";
            context.Report(node, $"maxUnavailable {maxUnavailable.Display} of {replicasText} rounds down to 0{consequence}");
        }
        else if (validated.Kind == WorkloadKind.StatefulSet && replicas.Value > 1 && maxUnavailable.Scale(replicas.Value, roundUp: false) == 0)
        {
            context.Report(node, $"maxUnavailable {maxUnavailable.Display} of {replicasText} rounds down to 0; the StatefulSet controller raises it to 1 pod");
        }
    }
}
