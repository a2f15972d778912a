using ManifestLint.Engine.Simulation;

namespace ManifestLint.Engine.Rules.Disruption;

public sealed class OverlappingDisruptionBudgetsRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML6103", Name: "overlapping-pdbs", Title: "Several PodDisruptionBudgets select the same pods",
        Category: RuleCategory.Rollout, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.2.0",
        Docs: """
            ## What it does
            Flags a PodDisruptionBudget that selects the pods of a workload among the inputs whose pods another
            budget in the same namespace selects too.

            ## Why is this bad?
            The eviction API refuses to evict a pod that more than one budget selects ("This pod has more than one
            PodDisruptionBudget, which the eviction subresource does not support"), so `kubectl drain` and the
            cluster autoscaler cannot move these pods at all, whatever the budgets allow.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web, tier: frontend}}
                spec:
                  containers: [{name: web, image: "registry.example.com/web:1.4.2"}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: web}}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: frontend}
            spec:
              maxUnavailable: 25%
              selector: {matchLabels: {tier: frontend}}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web, tier: frontend}}
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
            Only workloads and budgets among the inputs are compared (the paths `check` is given, or the manifests of
            the project for the analyzer and the MSBuild task).

            ## References
            - `pkg/registry/core/pod/storage/eviction.go` (more than one PodDisruptionBudget)
            """);

    public override bool ComparesBudgetsWithInputs => true;

    public override void Check(RuleContext context)
    {
        if (DisruptionBudget.From(context.Resource) is not { } budget || budget.Selector is null)
            return;
        foreach (var workload in context.DisruptionInputs.SelectedBy(budget))
        {
            var others = context.DisruptionInputs.BudgetsSelecting(budget.Namespace, workload.TemplateLabels)
                .Where(other => !other.IsSameObject(budget))
                .Select(other => other.Name)
                .Distinct()
                .ToArray();
            if (others.Length == 0)
                continue;
            context.Report(budget.SelectorKey ?? (Loading.ManifestNode)budget.Selector,
                $"the pods of {workload} are also selected by PodDisruptionBudget{(others.Length == 1 ? string.Empty : "s")} {DisruptionRules.Names(others, ", ")}: the eviction API refuses to evict a pod with more than one budget");
            return;
        }
    }
}
