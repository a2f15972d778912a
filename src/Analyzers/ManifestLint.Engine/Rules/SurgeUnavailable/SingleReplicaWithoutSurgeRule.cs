using ManifestLint.Engine.Model;
using ManifestLint.Engine.Rules.UpdateStrategy;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class SingleReplicaWithoutSurgeRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2007", Name: "single-replica-without-surge", Title: "One replica and no surge: every rollout is an outage",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a rolling Deployment with one replica (written, or by default) whose `maxSurge` resolves to 0.

            ## Why is this bad?
            Without surge the controller must take a pod down before it may start a new one, and with a single
            replica that pod is the only one: every rollout deletes it first, so the service is down until the
            replacement is ready. Allowing one surge pod starts the new pod first and keeps the old one serving.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              replicas: 1
              selector:
                matchLabels: {app: api}
              strategy:
                rollingUpdate:
                  maxSurge: 0
                  maxUnavailable: 1
              template:
                metadata:
                  labels: {app: api}
                spec:
                  containers:
                    - name: api
                      image: registry.example.com/api:2.3.1
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              replicas: 1
              selector:
                matchLabels: {app: api}
              strategy:
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 0
              template:
                metadata:
                  labels: {app: api}
                spec:
                  containers:
                    - name: api
                      image: registry.example.com/api:2.3.1
            ```

            ## Known problems
            When a HorizontalPodAutoscaler owns `replicas` the manifest usually omits it and this rule judges the
            default of 1. A StatefulSet always replaces a pod in place, so it is not reported here.
            """);

    public override void Check(RuleContext context)
    {
        if (ValidatedStrategy.From(context) is not { Kind: WorkloadKind.Deployment, AllValid: true, BothZero: false, MaxSurge: { } maxSurge } validated ||
            validated.Workload.Replicas is not { Value: 1 } replicas)
            return;
        var fenceposts = RolloutMath.ResolveDeployment(maxSurge, validated.MaxUnavailable, 1);
        if (fenceposts.Surge != 0)
            return;
        var unavailable = validated.MaxUnavailable!;
        var why = fenceposts.UnavailableForced
            ? $"{ValidatedStrategy.Describe("maxUnavailable", unavailable)} and rounds down to 0, so the controller forces 1"
            : $"{ValidatedStrategy.Describe("maxUnavailable", unavailable)} allows 1 unavailable pod";
        context.Report(validated.Strategy.NodeOf(maxSurge),
            $"maxSurge {maxSurge.Display} with {StrategyText.Replicas(replicas)}: every rollout deletes the only pod before its replacement is ready ({why})");
    }
}
