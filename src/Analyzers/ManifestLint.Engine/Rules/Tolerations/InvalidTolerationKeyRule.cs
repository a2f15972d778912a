using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class InvalidTolerationKeyRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3006", Name: "invalid-toleration-key", Title: "Toleration key is not a valid qualified name",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a toleration `key` that is not a qualified name, the syntax of label keys: an optional prefix that
            is a lowercase DNS subdomain (at most 253 characters) followed by `/`, then a name of at most 63
            characters made of letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit.

            ## Why is this bad?
            Taint keys follow the same syntax, so such a toleration can never match a taint, and the API server
            rejects it ("name part must consist of alphanumeric characters…"). A StatefulSet is stored anyway,
            because its pod template is not validated, but each of its pods is rejected.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: reporter}
            spec:
              tolerations:
                - {key: "dedicated=reporting", operator: Exists, effect: NoSchedule}
              containers:
                - {name: reporter, image: "registry.example.com/reporter:1.0.0"}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: reporter}
            spec:
              tolerations:
                - {key: dedicated, operator: Equal, value: reporting, effect: NoSchedule}
              containers:
                - {name: reporter, image: "registry.example.com/reporter:1.0.0"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var toleration in context.Tolerations())
        {
            if (toleration.Key is { Value.Length: > 0 } key && NameSyntax.QualifiedNameProblem(key.Value) is { } problem)
                context.Report(key, $"toleration key '{key.Value}' is not a valid qualified name: {problem}; {context.PodSpec!.Rejection}");
        }
    }
}
