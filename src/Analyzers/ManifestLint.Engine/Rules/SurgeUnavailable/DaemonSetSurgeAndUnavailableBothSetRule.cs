using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class DaemonSetSurgeAndUnavailableBothSetRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2004", Name: "daemonset-surge-and-unavailable-both-set", Title: "DaemonSet maxSurge and maxUnavailable are both non-zero after defaulting",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a DaemonSet rolling update where both `maxSurge` and `maxUnavailable` are non-zero after defaulting.
            The common case is a manifest that sets only `maxSurge`: an omitted `maxUnavailable` defaults to `1`.

            ## Why is this bad?
            A DaemonSet either surges (starts the new pod beside the old one) or takes pods down, never both; the
            API server rejects the object ("may not be set when maxUnavailable is non-zero"). To surge, write
            `maxUnavailable: 0` explicitly.

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
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 1
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
                  maxSurge: 1
                  maxUnavailable: 0
              template:
                metadata:
                  labels: {app: node-agent}
                spec:
                  containers:
                    - name: agent
                      image: registry.example.com/node-agent:1.4.0
            ```

            ## References
            - [DaemonSet rolling update](https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#performing-a-rolling-update)
            """);

    public override void Check(RuleContext context)
    {
        if (ValidatedStrategy.From(context) is not { Kind: WorkloadKind.DaemonSet, AllValid: true, MaxSurge: { IsZero: false } maxSurge, MaxUnavailable: { IsZero: false } maxUnavailable } validated)
            return;
        var message = maxUnavailable.IsDefault
            ? $"maxSurge {maxSurge.Display} needs maxUnavailable 0, but maxUnavailable defaults to {maxUnavailable.Display} when omitted"
            : $"maxSurge {maxSurge.Display} and maxUnavailable {maxUnavailable.Display} are both non-zero: a DaemonSet either surges or takes pods down";
        context.Report(validated.Strategy.NodeOf(maxSurge), message);
    }
}
