using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

public sealed class PartitionAtOrAboveReplicasRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML1005", Name: "partition-at-or-above-replicas", Title: "StatefulSet partition is not below replicas: no pod is ever updated",
        Category: RuleCategory.UpdateStrategy, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a StatefulSet whose `spec.updateStrategy.rollingUpdate.partition` is greater than or equal to
            `spec.replicas` (which defaults to 1).

            ## Why is this bad?
            Only pods with an ordinal at or above the partition are updated. With a partition of `replicas` or more
            no pod qualifies: the template change is stored, `kubectl rollout status` reports the partitioned
            roll out as complete, and every pod keeps running the old revision.

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
                type: RollingUpdate
                rollingUpdate:
                  partition: 3
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
                  partition: 2
              template:
                metadata:
                  labels: {app: db}
                spec:
                  containers:
                    - name: db
                      image: postgres:16.4
            ```

            ## Known problems
            Raising the partition to `replicas` is also a documented way to pause a staged rollout; suppress the
            finding on such a manifest.

            ## References
            - [StatefulSet partitioned rolling updates](https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#partitions)
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { Kind: WorkloadKind.StatefulSet, Replicas: { } replicas, Strategy: { IsRollingUpdate: true, Partition: { Node: { } node } partition } })
            return;
        if (replicas.Value <= 0 || partition.Value < replicas.Value)
            return;
        context.Report(node, $"partition {partition.Value} is not below the {StrategyText.Replicas(replicas)}: no pod is ever updated to a new template");
    }
}
