using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Engine.Rules.Rollout;

public sealed class RolloutExtraPodsOverBudgetRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML6003", Name: "rollout-extra-pods-over-budget", Title: "The rollout needs more extra pods than rollout.maxExtraPods",
        Category: RuleCategory.Rollout, Level: RuleLevel.Off, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Replays the rollout and reports a workload that runs more pods above its desired count at the peak than
            `rollout.maxExtraPods` in `.manifestlint.yaml` allows. The extra pods come from `maxSurge` (a Deployment
            may run `replicas + maxSurge` pods; a DaemonSet with surge runs two pods on a node for a while) and from
            old pods that are still stopping: a deleted pod keeps its node resources and counts against a `pods` quota
            for up to `terminationGracePeriodSeconds`, the time the replay allows it.

            ## Why is this bad?
            Extra pods need spare CPU, memory and quota. A namespace with a tight ResourceQuota, or a cluster without
            headroom, leaves surge pods Pending and the rollout stuck.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 20
              strategy:
                rollingUpdate: {maxSurge: 50%, maxUnavailable: 0}
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers: [{name: api, image: "registry.example.com/api:3.1.0"}]
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 20
              strategy:
                rollingUpdate: {maxSurge: 0, maxUnavailable: 10%}
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers: [{name: api, image: "registry.example.com/api:3.1.0"}]
            ```

            ## Options
            Off by default. Setting `rollout.maxExtraPods` in `.manifestlint.yaml` switches it on at warning level
            (a level under `rules:` still wins):

            ```yaml
            rollout:
              maxExtraPods: 5
            ```

            Switching the rule on without `rollout.maxExtraPods` means a budget of 0 extra pods.
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { } workload ||
            RolloutSimulator.Shared(context) is not { } result)
        {
            return;
        }

        var budget = context.Configuration.Rollout.MaxExtraPods ?? 0;
        // Deleted pods keep their node resources and count against a pods quota until they stop.
        var peak = result.Summary.PeakPodsWithTerminating;
        var extra = Math.Max(0, peak - result.Desired);
        if (extra <= budget)
            return;

        var strategy = workload.Strategy;
        context.Report(
            (ManifestNode?)strategy.MaxSurge?.Node ?? (ManifestNode?)strategy.RollingUpdateKey ?? (ManifestNode?)strategy.Key ?? workload.SpecKey,
            $"the rollout runs up to {peak} pods for {result.Desired} desired, counting old pods until they stop, {extra} extra ({result.Resolved.Explanation}), more than rollout.maxExtraPods {budget}");
    }
}
