using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

public sealed class OnDeleteStrategyRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML1004", Name: "on-delete-strategy", Title: "OnDelete: template changes never roll out by themselves",
        Category: RuleCategory.UpdateStrategy, Level: RuleLevel.Info, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Points out a DaemonSet or StatefulSet whose `spec.updateStrategy.type` is `OnDelete`.

            ## Why is this bad?
            With `OnDelete` the controller creates pods from the new template only when old pods are deleted by
            hand. A new image or config therefore reaches no pod after `kubectl apply`, and `kubectl rollout status`
            refuses to watch it. That is right for carefully hand-driven updates, and a surprise otherwise.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: log-shipper
            spec:
              selector:
                matchLabels: {app: log-shipper}
              updateStrategy:
                type: OnDelete
              template:
                metadata:
                  labels: {app: log-shipper}
                spec:
                  containers:
                    - name: shipper
                      image: fluent/fluent-bit:3.1.9
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: log-shipper
            spec:
              selector:
                matchLabels: {app: log-shipper}
              updateStrategy:
                type: RollingUpdate
                rollingUpdate:
                  maxUnavailable: 1
              template:
                metadata:
                  labels: {app: log-shipper}
                spec:
                  containers:
                    - name: shipper
                      image: fluent/fluent-bit:3.1.9
            ```

            ## Known problems
            Not reported when ML1003 or ML1008 already flags the `rollingUpdate` block beside `OnDelete`.
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { Kind: not WorkloadKind.Deployment, Strategy: { IsOnDelete: true, TypeNode: { } typeNode } strategy } workload)
            return;
        // ML1003/ML1008 already speak about OnDelete when a rollingUpdate block sits beside it.
        var blockReported = workload.Kind == WorkloadKind.StatefulSet
            ? strategy.RollingUpdate is not null
            : strategy.RollingUpdate is { Entries.Count: > 0 };
        if (blockReported)
            return;
        context.Report(typeNode, "updateStrategy.type OnDelete: template changes reach pods only when someone deletes them");
    }
}
