using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class DaemonSetMaxSurgeOver100PercentRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2010", Name: "daemonset-max-surge-over-100-percent", Title: "DaemonSet maxSurge is over 100%",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a DaemonSet whose percentage `maxSurge` is above `100%`.

            ## Why is this bad?
            A DaemonSet runs at most one extra pod per node, and the API server rejects a DaemonSet `maxSurge` over
            100% ("must not be greater than 100%"). A Deployment's `maxSurge` has no such cap, so values copied from
            a Deployment can break here.

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
                rollingUpdate:
                  maxSurge: 200%
                  maxUnavailable: 0
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
                rollingUpdate:
                  maxSurge: 100%
                  maxUnavailable: 0
              template:
                metadata:
                  labels: {app: node-agent}
                spec:
                  containers:
                    - name: agent
                      image: registry.example.com/node-agent:1.4.0
            ```
            """);

    public override void Check(RuleContext context)
    {
        if (ValidatedStrategy.From(context) is { Kind: WorkloadKind.DaemonSet, MaxSurge: { IsPercent: true, Value: > 100, Node: { } node } value })
            context.Report(node, $"DaemonSet maxSurge {value.Display} is greater than 100%");
    }
}
