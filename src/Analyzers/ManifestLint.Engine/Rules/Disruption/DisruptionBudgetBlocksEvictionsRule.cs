using ManifestLint.Engine.Simulation;

namespace ManifestLint.Engine.Rules.Disruption;

public sealed class DisruptionBudgetBlocksEvictionsRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML6101", Name: "pdb-blocks-all-disruptions", Title: "The PodDisruptionBudget allows no voluntary disruption",
        Category: RuleCategory.Rollout, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.2.0",
        Docs: """
            ## What it does
            Flags a PodDisruptionBudget whose `disruptionsAllowed` stays 0 even when every pod it selects is healthy:
            `maxUnavailable: 0` or `0%`, `minAvailable: 100%`, an integer `minAvailable` equal to or above the
            replicas of the workloads it selects among the inputs, or a `minAvailable` percentage that rounds up to
            all of them (the disruption controller rounds both percentages up: `minAvailable: 90%` of 3 pods is 3).
            It also flags a budget over DaemonSet pods with `maxUnavailable` or a percentage `minAvailable`: a
            DaemonSet has no scale subresource, so the disruption controller cannot count its pods and keeps
            `disruptionsAllowed` at 0.

            ## Why is this bad?
            The eviction API refuses every eviction of these pods ("Cannot evict pod as it would violate the pod's
            disruption budget"), so `kubectl drain`, node upgrades and the cluster autoscaler wait forever on the
            nodes that run them. Rollouts are not held up: the workload controllers do not consult budgets.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: "registry.example.com/web:1.4.2"}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              minAvailable: 3
              selector: {matchLabels: {app: web}}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: "registry.example.com/web:1.4.2"}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: web}}
            ```

            ## Known problems
            The replicas are the manifests' own: a HorizontalPodAutoscaler that scales the workload up gives the
            budget room again. An integer `minAvailable` over DaemonSet pods depends on the node count and is not
            checked. The inputs are the paths `check` is given, or the manifests of the project for the
            analyzer and the MSBuild task.

            ## References
            - https://kubernetes.io/docs/tasks/run-application/configure-pdb/
            - `pkg/controller/disruption/disruption.go` (`getExpectedPodCount`, `updatePdbStatus`)
            """);

    public override bool ComparesBudgetsWithInputs => true;

    public override void Check(RuleContext context)
    {
        if (DisruptionBudget.From(context.Resource) is not { } budget)
            return;

        if (budget.MaxUnavailable is { IsValid: true, IsZero: true } zero)
        {
            context.Report(zero.Node!, $"maxUnavailable {zero.Text} allows no voluntary disruption: every eviction of the pods it selects is refused");
            return;
        }

        if (budget.MaxUnavailable is null && budget.MinAvailable is { IsValid: true, IsPercent: true, Value: >= 100 } all)
        {
            context.Report(all.Node!, $"minAvailable {all.Text} keeps every pod it selects: every eviction is refused");
            return;
        }

        var selected = context.DisruptionInputs.SelectedBy(budget);
        if (selected.Count == 0)
            return;

        if (selected.FirstOrDefault(workload => workload.Replicas is null) is { } daemonSet)
        {
            if (budget.Resolve(0, scalable: false) is { AlwaysZeroReason: { } reason })
                context.Report(budget.DefinitionNode, $"{budget.Definition} selects the pods of {daemonSet}: {reason}");
            return;
        }

        var expected = selected.Sum(workload => workload.Replicas!.Value);
        if (expected <= 0 || budget.Resolve(expected, scalable: true) is not { } numbers || numbers.DesiredHealthy < expected)
            return;
        context.Report(budget.DefinitionNode,
            $"{numbers.Explanation} ({DisruptionRules.Names(selected, " and ")}): disruptionsAllowed stays 0 and every eviction is refused");
    }
}
