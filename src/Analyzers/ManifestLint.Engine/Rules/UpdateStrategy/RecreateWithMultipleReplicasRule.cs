using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

public sealed class RecreateWithMultipleReplicasRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML1007", Name: "recreate-with-multiple-replicas", Title: "Recreate on a multi-replica Deployment means downtime",
        Category: RuleCategory.UpdateStrategy, Level: RuleLevel.Info, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Points out a Deployment with `spec.strategy.type: Recreate` and more than one replica.

            ## Why is this bad?
            `Recreate` scales every old pod to zero and waits until all of them are gone before it creates a single
            new one, so every rollout is a full outage. Several replicas usually mean the service should stay up,
            which `RollingUpdate` does. `Recreate` is right when old and new versions must never run side by side
            (for example a ReadWriteOnce volume or a schema migration).

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
                type: Recreate
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
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 0
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            ## References
            - [Recreate Deployment](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#recreate-deployment)
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { Kind: WorkloadKind.Deployment, Replicas: { } replicas, Strategy: { IsRecreate: true, TypeNode: { } typeNode } } || replicas.Value <= 1)
            return;
        context.Report(typeNode, $"strategy.type Recreate with {replicas.Value} replicas: every rollout stops all pods before it starts new ones");
    }
}
