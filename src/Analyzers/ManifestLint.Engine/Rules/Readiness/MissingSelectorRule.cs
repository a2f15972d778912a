namespace ManifestLint.Engine.Rules.Readiness;

public sealed class MissingSelectorRule : Rule
{
    private static readonly HashSet<string> SelectorFields = new(StringComparer.Ordinal) { "matchLabels", "matchExpressions" };

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5005", Name: "missing-selector", Title: "The selector is missing or empty",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a Deployment, DaemonSet, StatefulSet or ReplicaSet without `spec.selector`, or with a selector
            that has no `matchLabels` and no `matchExpressions` (for example labels written directly under
            `selector:`, the ReplicationController style).

            ## Why is this bad?
            `apps/v1` never derives the selector from the template. The API server rejects a missing selector on a
            Deployment, StatefulSet or ReplicaSet ("Required value"), a missing one on a DaemonSet because it selects
            nothing and so does not match the template, and an empty one on every kind ("empty selector is invalid").

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector:
                app: web
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe: {httpGet: {path: /, port: 80}}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe: {httpGet: {path: /, port: 80}}
            ```

            ## Known problems
            The removed `extensions/v1beta1` and `apps/v1beta1` versions filled a missing selector in from the
            template labels, so objects of those versions are not flagged for a missing selector; ML7001 reports the
            version and reminds that `apps/v1` needs one. Kustomize bases that get their selector from
            `commonLabels` (or `labels` with `includeSelectors`) and strategic-merge patches are partial objects and
            are flagged when linted as they are: lint the output of `kustomize build` instead, or exclude them.

            ## References
            - https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector
            """);

    public override void Check(RuleContext context)
    {
        if (LabelSelectorView.From(context.Resource) is not { } view)
            return;
        var kind = context.Resource.Kind;
        if (view.SelectorKey is null || view.Spec["selector"] is Loading.ManifestScalar { IsNull: true })
        {
            if (view.SelectorDefaultsFromTemplate)
                return;
            var at = view.SelectorKey ?? context.Resource.Root.KeyNode("spec") ?? (Loading.ManifestNode)view.Spec;
            context.Report(at, kind == "DaemonSet"
                ? "DaemonSet has no spec.selector: it selects no pods, so it cannot match the template labels"
                : $"{kind} has no spec.selector, which {context.Resource.ApiVersion} requires");
            return;
        }

        if (view.Selector is not { } selector || !view.IsEmpty)
            return;
        var strays = selector.Entries.Where(entry => !SelectorFields.Contains(entry.Key.Value)).Select(entry => $"'{entry.Key.Value}'").ToArray();
        var hint = strays.Length == 0
            ? string.Empty
            : $"; {string.Join(", ", strays)} {(strays.Length == 1 ? "is not a selector field" : "are not selector fields")} (labels go under matchLabels)";
        context.Report(view.SelectorKey, $"{kind} spec.selector has no matchLabels and no matchExpressions: an empty selector is invalid{hint}");
    }
}
