using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

public sealed class StatefulSetRollingUpdateWithOnDeleteRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML1008", Name: "statefulset-rolling-update-with-on-delete", Title: "An OnDelete StatefulSet has a rollingUpdate block",
        Category: RuleCategory.UpdateStrategy, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a StatefulSet whose `spec.updateStrategy.type` is `OnDelete` and that also has a
            `spec.updateStrategy.rollingUpdate` block, even an empty one.

            ## Why is this bad?
            Unlike a DaemonSet, which ignores such a block (ML1003), a StatefulSet is rejected by the API server:
            "only allowed for updateStrategy 'RollingUpdate'". A `partition` there never did anything with `OnDelete`.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              serviceName: db
              replicas: 3
              selector:
                matchLabels: {app: db}
              updateStrategy:
                type: OnDelete
                rollingUpdate:
                  partition: 1
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                    - name: db
                      image: postgres:16.4
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              serviceName: db
              replicas: 3
              selector:
                matchLabels: {app: db}
              updateStrategy:
                type: RollingUpdate
                rollingUpdate:
                  partition: 1
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                    - name: db
                      image: postgres:16.4
            ```

            ## References
            - [StatefulSet update strategies](https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies)
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { Kind: WorkloadKind.StatefulSet, Strategy: { IsOnDelete: true, RollingUpdate: not null } strategy })
            return;
        context.Report(strategy.RollingUpdateKey!, "updateStrategy.rollingUpdate is only allowed when updateStrategy.type is RollingUpdate, not OnDelete");
    }
}
