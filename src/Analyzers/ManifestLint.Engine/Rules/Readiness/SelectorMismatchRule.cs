namespace ManifestLint.Engine.Rules.Readiness;

public sealed class SelectorMismatchRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5004", Name: "selector-mismatch", Title: "The selector does not match the pod template labels",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags each requirement of `spec.selector` (a `matchLabels` entry or a `matchExpressions` item with
            `In`, `NotIn`, `Exists` or `DoesNotExist`) that the labels of `spec.template` do not satisfy, in a
            Deployment, DaemonSet, StatefulSet or ReplicaSet. Extra template labels are fine, and `NotIn` and
            `DoesNotExist` are satisfied by a template that lacks the key.

            ## Why is this bad?
            The controller would create pods it does not own and create more forever; the API server therefore
            rejects the object ("`selector` does not match template `labels`").

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata: {labels: {app: frontend}}
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
                metadata: {labels: {app: web, tier: frontend}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe: {httpGet: {path: /, port: 80}}
            ```

            ## Known problems
            A missing or empty selector is reported by ML5005 instead. Malformed requirements (an unknown
            operator, `In` without values) are not judged here.

            ## References
            - https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
            """);

    public override void Check(RuleContext context)
    {
        if (LabelSelectorView.From(context.Resource) is not { Selector: not null, Template: not null } view || view.IsEmpty)
            return;
        var labels = view.TemplateLabels();
        foreach (var requirement in view.Requirements())
        {
            if (requirement.Mismatch(labels) is { } why)
                context.Report(requirement.Node, $"selector {requirement.Description} does not match the pod template: {why}");
        }
    }
}
