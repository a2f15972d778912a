using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Engine.Rules.Rollout;

public sealed class RolloutAvailabilityDropsToZeroRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML6002", Name: "rollout-availability-drops-to-zero", Title: "Availability drops to zero during the rollout",
        Category: RuleCategory.Rollout, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Replays a RollingUpdate rollout and reports a workload that has no available pod at some point of it,
            where no static rule already says so: typically a DaemonSet whose integer `maxUnavailable` covers every
            node the rollout is replayed on (`rollout.nodes` in `.manifestlint.yaml`, default 3).

            ## Why is this bad?
            A rolling update is chosen to keep serving while pods are replaced. When the numbers allow every pod to be
            down at once, each rollout is an outage, exactly as with `Recreate`, but without saying so.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system}
            spec:
              updateStrategy:
                type: RollingUpdate
                rollingUpdate: {maxUnavailable: 3}
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: agent, image: "registry.example.com/agent:2.1.0"}]
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system}
            spec:
              updateStrategy:
                type: RollingUpdate
                rollingUpdate: {maxUnavailable: 1}
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: agent, image: "registry.example.com/agent:2.1.0"}]
            ```

            ## Known problems
            `Recreate` is not reported: stopping everything first is what it is chosen for. A single-replica
            StatefulSet is not reported either: no update strategy can keep it available. OnDelete workloads are not
            replayed. Settings that take every pod down whatever the cluster (one replica without surge,
            `maxUnavailable` of all replicas or `100%`) are reported by ML2006 and ML2007 instead. A DaemonSet's
            result depends on the node count: set `rollout.nodes` to your cluster's.
            """);

    public override void Check(RuleContext context)
    {
        // ML2006 and ML2007 already name the setting that takes every pod down.
        if (context.HasFinding("ML2006") || context.HasFinding("ML2007") ||
            context.Workload is not { Strategy.IsRollingUpdate: true } workload ||
            RolloutSimulator.Shared(context) is not { } result ||
            result.Desired <= 0 || result.Summary.MinAvailable > 0 ||
            (workload.Kind == WorkloadKind.StatefulSet && result.Desired <= 1))
        {
            return;
        }

        var strategy = workload.Strategy;
        var blame = result.Resolved.MaxSurge == 0 && strategy.MaxSurge?.Node is { } surgeNode ? surgeNode : strategy.MaxUnavailable?.Node ?? strategy.MaxSurge?.Node;
        var unit = workload.Kind == WorkloadKind.DaemonSet ? "node" : "replica";
        if (result.Desired != 1)
            unit += "s";
        context.Report(
            (ManifestNode?)blame ?? (ManifestNode?)strategy.RollingUpdateKey ?? (ManifestNode?)strategy.Key ?? (ManifestNode?)workload.Replicas?.Node ?? workload.SpecKey,
            $"{result.Resolved.Explanation}: with {result.Desired} {unit}, availability drops to 0 during the rollout");
    }
}
