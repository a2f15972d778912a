namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class TolerationExistsWithValueRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3002", Name: "toleration-exists-with-value", Title: "Toleration uses Exists with a value",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a toleration whose `operator` is `Exists` and that also sets a non-empty `value`.

            ## Why is this bad?
            `Exists` matches a taint by its key alone; the API server rejects a value beside it ("value must be empty
            when `operator` is 'Exists'"). The author usually meant `Equal`, which matches key and value. A
            StatefulSet is stored anyway, because its pod template is not validated, but each of its pods is
            rejected, so the rollout never completes.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: trainer}
            spec:
              tolerations:
                - {key: dedicated, operator: Exists, value: gpu, effect: NoSchedule}
              containers:
                - {name: trainer, image: "registry.example.com/trainer:2.0.1"}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: trainer}
            spec:
              tolerations:
                - {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}
              containers:
                - {name: trainer, image: "registry.example.com/trainer:2.0.1"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var toleration in context.Tolerations())
        {
            if (toleration.OperatorText == "Exists" && toleration.Value is { Value.Length: > 0 } value)
                context.Report(value, $"{toleration.Describe()} uses operator Exists, which matches the key alone, but sets value '{value.Value}'; {context.PodSpec!.Rejection}");
        }
    }
}
