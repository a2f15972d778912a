using ManifestLint.Engine.Simulation;

namespace ManifestLint.Engine.Rules.Disruption;

public sealed class DisruptionBudgetSelectsNoWorkloadRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML6102", Name: "pdb-selects-no-workload", Title: "The PodDisruptionBudget selects no workload among the inputs",
        Category: RuleCategory.Rollout, Level: RuleLevel.Info, RejectedByApiServer: false, Since: "0.2.0",
        Docs: """
            ## What it does
            Flags a PodDisruptionBudget whose selector matches the pod template of no Deployment, StatefulSet,
            DaemonSet or ReplicaSet in its namespace among the inputs, and a policy/v1 budget without a selector
            (which selects no pods). When a workload's label value is close to the selector's, the message names it.

            ## Why is this bad?
            A budget that selects nothing protects nothing: a typo in a label, a renamed app or a budget left behind
            after its workload moved lets a drain evict every pod at once.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web-frontend}}
              template:
                metadata: {labels: {app: web-frontend}}
                spec:
                  containers: [{name: web, image: "registry.example.com/web:1.4.2"}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: web-frontned}}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web-frontend}}
              template:
                metadata: {labels: {app: web-frontend}}
                spec:
                  containers: [{name: web, image: "registry.example.com/web:1.4.2"}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: web-frontend}}
            ```

            ## Known problems
            Pods of workloads that are not among the inputs (another repository, a Helm chart, bare pods) are not
            seen: the inputs are the paths `check` is given, or the manifests of the project for the analyzer and
            the MSBuild task. Checking a budget's file on its own reports it.
            """);

    public override bool ComparesBudgetsWithInputs => true;

    public override void Check(RuleContext context)
    {
        if (DisruptionBudget.From(context.Resource) is not { } budget)
            return;
        if (budget.Selector is null)
        {
            context.Report((Loading.ManifestNode?)context.Resource.Root.KeyNode("spec") ?? context.Resource.KindNode,
                "PodDisruptionBudget has no spec.selector, which selects no pods in policy/v1");
            return;
        }

        if (context.DisruptionInputs.SelectedBy(budget).Count > 0)
            return;
        var neighbours = context.DisruptionInputs.InNamespace(budget.Namespace);
        context.Report(budget.SelectorKey ?? (Loading.ManifestNode)budget.Selector,
            $"the selector matches no Deployment, StatefulSet, DaemonSet or ReplicaSet in namespace {budget.Namespace} among the inputs{Hint(budget, neighbours)}");
    }

    /// <summary>" (did you mean app=web?)" when a workload's label differs from a matchLabels value by a typo.</summary>
    private static string Hint(DisruptionBudget budget, IReadOnlyList<InputWorkload> neighbours)
    {
        foreach (var entry in budget.Selector?.Mapping("matchLabels")?.Entries ?? [])
        {
            if (entry.Value is not Loading.ManifestScalar wanted)
                continue;
            var key = entry.Key.Value;
            var values = neighbours.Select(workload => workload.TemplateLabels.TryGetValue(key, out var value) ? value : null).OfType<string>().Distinct().ToArray();
            if (!values.Contains(wanted.Value, StringComparer.Ordinal) && Spelling.DidYouMean(wanted.Value, values) is { } candidate)
                return $" (did you mean {key}={candidate}?)";
        }

        return string.Empty;
    }
}
