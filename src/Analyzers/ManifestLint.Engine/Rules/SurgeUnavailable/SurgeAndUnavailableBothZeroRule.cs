using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class SurgeAndUnavailableBothZeroRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2003", Name: "surge-and-unavailable-both-zero", Title: "maxSurge and maxUnavailable are both zero after defaulting",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a rolling update whose `maxSurge` and `maxUnavailable` are both zero (`0` or `"0%"`) once Kubernetes
            has filled in the defaults: a Deployment with both written as zero, a DaemonSet with `maxUnavailable: 0`
            and no `maxSurge` (it defaults to 0), and a StatefulSet with `maxUnavailable: 0` (it has no surge).

            ## Why is this bad?
            A rollout that may neither add a pod nor take one down can never replace anything, so the API server
            rejects the object ("may not be 0 when `maxSurge` is 0").

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
        if (ValidatedStrategy.From(context) is not { BothZero: true, MaxUnavailable: { } maxUnavailable } validated)
            return;
        var node = validated.Strategy.NodeOf(maxUnavailable);
        // One pod down at a time is what the controller itself falls back to (ResolveFenceposts) and never stalls.
        var fix = maxUnavailable.Node is null ? null : new FindingFix(FixKind.ReplaceValue, "1", "Set maxUnavailable to 1", IsNumber: true);
        if (validated.MaxSurge is not { } maxSurge)
        {
            context.Report(node, $"maxUnavailable {maxUnavailable.Display} would never let a pod be replaced (a StatefulSet has no surge)", fix);
            return;
        }

        var message = maxSurge.IsDefault
            ? $"maxUnavailable {maxUnavailable.Display} while maxSurge defaults to {maxSurge.Display}: the rollout could never replace a pod"
            : $"maxUnavailable {maxUnavailable.Display} with maxSurge {maxSurge.Display}: the rollout could never replace a pod";
        context.Report(node, message, fix);
    }
}
