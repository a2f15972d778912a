using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class InvalidTolerationEffectRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3004", Name: "invalid-toleration-effect", Title: "Toleration effect is not NoSchedule, PreferNoSchedule or NoExecute",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a toleration whose `effect` is set but is not `NoSchedule`, `PreferNoSchedule` or `NoExecute`
            (case-sensitive), with a did-you-mean for typos. An empty effect is valid and means every effect.

            ## Why is this bad?
            The API server rejects the object ("Unsupported value"). A StatefulSet is stored anyway, because its pod
            template is not validated, but each of its pods is rejected.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: node-agent}
            spec:
              selector: {matchLabels: {app: node-agent}}
              template:
                metadata: {labels: {app: node-agent}}
                spec:
                  tolerations:
                    - {key: node.kubernetes.io/disk-pressure, operator: Exists, effect: noschedule}
                  containers:
                    - {name: agent, image: "registry.example.com/node-agent:0.9.3"}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: node-agent}
            spec:
              selector: {matchLabels: {app: node-agent}}
              template:
                metadata: {labels: {app: node-agent}}
                spec:
                  tolerations:
                    - {key: node.kubernetes.io/disk-pressure, operator: Exists, effect: NoSchedule}
                  containers:
                    - {name: agent, image: "registry.example.com/node-agent:0.9.3"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var toleration in context.Tolerations())
        {
            if (toleration.Effect is not { Value.Length: > 0 } effect || Array.IndexOf(TolerationSyntax.Effects, effect.Value) >= 0)
                continue;
            var best = NameSyntax.DidYouMean(effect.Value, TolerationSyntax.Effects);
            var suggestion = best is null ? "" : $" (did you mean '{best}'?)";
            context.Report(effect, $"{toleration.Describe()} has effect '{effect.Value}', which is not NoSchedule, PreferNoSchedule or NoExecute{suggestion}; {context.PodSpec!.Rejection}", FindingFix.DidYouMean(best));
        }
    }
}
