using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class TolerationEmptyKeyWithoutExistsRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3003", Name: "toleration-empty-key-without-exists", Title: "Toleration without a key does not use Exists",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a toleration with no `key` (or an empty one) whose operator is `Equal` or empty (which means `Equal`).

            ## Why is this bad?
            An empty key means "every key", which only makes sense with `Exists`. The API server rejects the
            combination ("operator must be Exists when `key` is empty"). A StatefulSet is stored anyway, because its
            pod template is not validated, but each of its pods is rejected.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: batch}
            spec:
              selector: {matchLabels: {app: batch}}
              template:
                metadata: {labels: {app: batch}}
                spec:
                  tolerations:
                    - {operator: Equal, value: batch, effect: NoSchedule}
                  containers:
                    - {name: batch, image: "registry.example.com/batch:3.1.0"}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: batch}
            spec:
              selector: {matchLabels: {app: batch}}
              template:
                metadata: {labels: {app: batch}}
                spec:
                  tolerations:
                    - {key: workload, operator: Equal, value: batch, effect: NoSchedule}
                  containers:
                    - {name: batch, image: "registry.example.com/batch:3.1.0"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var toleration in context.Tolerations())
        {
            // Other operators are ML3001's finding; reporting them here too would double-count one typo.
            if (toleration.KeyText.Length > 0 || toleration.EffectiveOperator != "Equal")
                continue;
            var node = (ManifestNode?)toleration.Operator ?? (ManifestNode?)toleration.Key ?? toleration.Node;
            var written = toleration.OperatorText.Length == 0 ? "no operator (Equal)" : "operator Equal";
            context.Report(node, $"{toleration.Describe()} has no key and {written}; an empty key matches every taint only with operator Exists; {context.PodSpec!.Rejection}");
        }
    }
}
