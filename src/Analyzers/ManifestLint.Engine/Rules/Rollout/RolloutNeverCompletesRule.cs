using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Engine.Rules.Rollout;

public sealed class RolloutNeverCompletesRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML6001", Name: "rollout-never-completes", Title: "The rollout can never complete",
        Category: RuleCategory.Rollout, Level: RuleLevel.Error, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Replays the rollout that a template change starts, as the workload's controller would, and reports a
            workload whose rollout stops for good even when every new pod is healthy. The common case: a DaemonSet
            with `maxSurge` whose pods bind a host port (`hostPort`, or any `containerPort` under
            `hostNetwork: true`): the new pod must start beside the old one on the same node, the scheduler cannot
            place it because the old pod holds the port, and the old pod is only deleted once the new one is available.

            ## Why is this bad?
            The API server accepts the object and the first surge pods stay Pending forever. Every later change to the
            DaemonSet is stuck behind them until someone deletes pods by hand.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: node-agent, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: node-agent}}
              updateStrategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
              template:
                metadata: {labels: {app: node-agent}}
                spec:
                  hostNetwork: true
                  containers:
                    - name: agent
                      image: registry.example.com/node-agent:2.4.1
                      ports: [{containerPort: 9100}]
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: node-agent, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: node-agent}}
              updateStrategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 0, maxUnavailable: 1}
              template:
                metadata: {labels: {app: node-agent}}
                spec:
                  hostNetwork: true
                  containers:
                    - name: agent
                      image: registry.example.com/node-agent:2.4.1
                      ports: [{containerPort: 9100}]
            ```

            ## Known problems
            The replay assumes new pods become healthy; `manifestlint rollout --new-pods-fail` shows what happens
            when they do not. Workloads with values the API server rejects are left to the rules that report them.
            Where a static rule already names the cause (ML2008 for the host-port stall), this rule stays quiet, so
            one mistake gives one finding; it reports the stall when that rule is switched off.

            ## References
            - Kubernetes: [Perform a Rolling Update on a DaemonSet](https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/)
            - `manifestlint rollout` replays the rollout step by step
            """);

    public override void Check(RuleContext context)
    {
        // ML2008 names the host-port stall statically; this rule is the simulator's backstop for what no static rule reports.
        if (context.HasFinding("ML2008") ||
            context.Workload is not { } workload ||
            RolloutSimulator.Shared(context) is not { } result ||
            result.Summary.Outcome != RolloutOutcome.Stalls || result.Summary.StoppedBySyncLimit)
        {
            return;
        }

        var strategy = workload.Strategy;
        if (HostPorts.First(workload) is { } hostPort && result.Resolved.MaxSurge > 0 && strategy.MaxSurge is { } maxSurge)
        {
            var binding = hostPort.FromHostNetwork ? $"containerPort {hostPort.Port} on the host network" : $"hostPort {hostPort.Port}";
            context.Report(
                (ManifestNode?)maxSurge.Node ?? (ManifestNode?)strategy.RollingUpdateKey ?? (ManifestNode?)strategy.Key ?? workload.SpecKey,
                $"maxSurge {maxSurge} starts each new pod beside the old one, but container '{hostPort.Container}' binds {binding}, so the new pod can never be scheduled and the rollout never completes");
            return;
        }

        context.Report((ManifestNode?)strategy.TypeNode ?? (ManifestNode?)strategy.Key ?? workload.SpecKey, $"the rollout can never complete: {result.Summary.StallReason}");
    }
}
