using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

public sealed class RollingUpdateWithOnDeleteRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML1003", Name: "rolling-update-with-on-delete", Title: "An OnDelete DaemonSet has a rollingUpdate block that is ignored",
        Category: RuleCategory.UpdateStrategy, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a DaemonSet whose `spec.updateStrategy.type` is `OnDelete` and whose `spec.updateStrategy.rollingUpdate`
            sets `maxSurge` or `maxUnavailable`. (A StatefulSet with the same mistake is rejected: see ML1008.)

            ## Why is this bad?
            The API server does not even validate the block beside `OnDelete`, and the DaemonSet controller ignores it:
            pods are replaced only when someone deletes them. Whoever reads the manifest believes the numbers limit
            a rollout that never happens on its own.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-agent
            spec:
              selector:
                matchLabels: {app: node-agent}
              updateStrategy:
                type: OnDelete
                rollingUpdate:
                  maxUnavailable: 2
              template:
                metadata:
                  labels: {app: node-agent}
                spec:
                  containers:
                    - name: agent
                      image: registry.example.com/node-agent:1.4.0
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-agent
            spec:
              selector:
                matchLabels: {app: node-agent}
              updateStrategy:
                type: RollingUpdate
                rollingUpdate:
                  maxUnavailable: 2
              template:
                metadata:
                  labels: {app: node-agent}
                spec:
                  containers:
                    - name: agent
                      image: registry.example.com/node-agent:1.4.0
            ```

            ## References
            - [DaemonSet update strategy](https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#daemonset-update-strategy)
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { Kind: WorkloadKind.DaemonSet, Strategy: { IsOnDelete: true, RollingUpdate: { Entries.Count: > 0 } block } strategy })
            return;
        var fields = string.Join(" and ", block.Entries.Select(entry => entry.Key.Value));
        context.Report(strategy.RollingUpdateKey!, $"updateStrategy.rollingUpdate ({fields}) is ignored because updateStrategy.type is OnDelete");
    }
}
