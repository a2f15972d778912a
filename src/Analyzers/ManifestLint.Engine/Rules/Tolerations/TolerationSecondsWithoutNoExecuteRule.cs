namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class TolerationSecondsWithoutNoExecuteRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3005", Name: "toleration-seconds-without-no-execute", Title: "tolerationSeconds is set but the effect is not NoExecute",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a toleration that sets `tolerationSeconds` while its `effect` is `NoSchedule`, `PreferNoSchedule`
            or empty.

            ## Why is this bad?
            `tolerationSeconds` says how long a pod may stay on a node after a `NoExecute` taint appears; it means
            nothing for other effects. The API server rejects it even when the effect is empty ("effect must be
            'NoExecute' when `tolerationSeconds` is set"). A StatefulSet is stored anyway, because its pod template is
            not validated, but each of its pods is rejected.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  tolerations:
                    - key: node.kubernetes.io/unreachable
                      operator: Exists
                      tolerationSeconds: 30
                  containers:
                    - {name: api, image: "registry.example.com/api:5.2.0"}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  tolerations:
                    - key: node.kubernetes.io/unreachable
                      operator: Exists
                      effect: NoExecute
                      tolerationSeconds: 30
                  containers:
                    - {name: api, image: "registry.example.com/api:5.2.0"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var toleration in context.Tolerations())
        {
            // An effect that is not one of the three is ML3004's finding (often a NoExecute typo).
            if (toleration.TolerationSeconds is not { } seconds || toleration.EffectText == "NoExecute" ||
                (toleration.EffectText.Length > 0 && Array.IndexOf(TolerationSyntax.Effects, toleration.EffectText) < 0))
                continue;
            var effect = toleration.EffectText.Length == 0 ? "no effect" : $"effect {toleration.EffectText}";
            context.Report(seconds, $"{toleration.Describe()} sets tolerationSeconds {seconds.Value} with {effect}; tolerationSeconds requires effect NoExecute; {context.PodSpec!.Rejection}");
        }
    }
}
