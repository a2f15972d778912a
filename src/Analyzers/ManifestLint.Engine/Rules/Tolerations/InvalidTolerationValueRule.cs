using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class InvalidTolerationValueRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3010", Name: "invalid-toleration-value", Title: "Toleration value is not a valid label value",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags the `value` of an `Equal` toleration (or one with no operator, which means `Equal`) when it is not a
            valid label value: at most 63 characters of letters, digits, `-`, `_` and `.`, starting and ending with a
            letter or digit. Also flags an unquoted value that YAML reads as a boolean or number (`value: true`),
            because the field is a string.

            ## Why is this bad?
            Taint values follow the label-value syntax, so such a toleration can never match, and the API server
            rejects it; an unquoted `true` or `8` fails to decode as a string. A StatefulSet is stored anyway,
            because its pod template is not validated, but each of its pods is rejected.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: render}
            spec:
              selector: {matchLabels: {app: render}}
              template:
                metadata: {labels: {app: render}}
                spec:
                  tolerations:
                    - {key: dedicated, operator: Equal, value: "gpu nodes", effect: NoSchedule}
                  containers:
                    - {name: render, image: "registry.example.com/render:7.3.0"}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: render}
            spec:
              selector: {matchLabels: {app: render}}
              template:
                metadata: {labels: {app: render}}
                spec:
                  tolerations:
                    - {key: dedicated, operator: Equal, value: gpu-nodes, effect: NoSchedule}
                  containers:
                    - {name: render, image: "registry.example.com/render:7.3.0"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var toleration in context.Tolerations())
        {
            // Exists with a value is ML3002; an unknown operator is ML3001.
            if (toleration.EffectiveOperator != "Equal" || toleration.Value is not { } value)
                continue;
            if (!value.IsString)
            {
                var type = value.IsBoolean ? "a YAML boolean" : "a YAML number";
                context.Report(value, $"{toleration.Describe()} has the unquoted value {value.Value}, which is {type}, not a string; {context.PodSpec!.Rejection}");
            }
            else if (NameSyntax.LabelValueProblem(value.Value) is { } problem)
            {
                context.Report(value, $"{toleration.Describe()} has value '{value.Value}', which is not a valid label value: {problem}; {context.PodSpec!.Rejection}");
            }
        }
    }
}
