namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class DuplicateTolerationRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3009", Name: "duplicate-toleration", Title: "The same toleration is listed twice",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Info, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a toleration identical to an earlier one in the same list: same key, operator (empty counts as
            `Equal`), value, effect and tolerationSeconds.

            ## Why is this bad?
            It changes nothing, and it is usually a sign of a merge or copy-paste in which the author meant to change
            one of the copies (for example the `master` toleration that should have become `control-plane`).

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: metrics-agent}
            spec:
              selector: {matchLabels: {app: metrics-agent}}
              template:
                metadata: {labels: {app: metrics-agent}}
                spec:
                  tolerations:
                    - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
                    - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
                  containers:
                    - {name: agent, image: "registry.example.com/metrics-agent:1.8.0"}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: metrics-agent}
            spec:
              selector: {matchLabels: {app: metrics-agent}}
              template:
                metadata: {labels: {app: metrics-agent}}
                spec:
                  tolerations:
                    - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
                  containers:
                    - {name: agent, image: "registry.example.com/metrics-agent:1.8.0"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        var seen = new Dictionary<(string, string, string, string, string), int>();
        foreach (var toleration in context.Tolerations())
        {
            var identity = (toleration.KeyText, toleration.EffectiveOperator, toleration.ValueText, toleration.EffectText, toleration.TolerationSeconds?.Value ?? "");
            if (seen.TryGetValue(identity, out var first))
                context.Report(toleration.Node, $"toleration #{toleration.Index} repeats toleration #{first} ({Summary(toleration)})");
            else
                seen.Add(identity, toleration.Index);
        }
    }

    private static string Summary(Model.TolerationView toleration)
    {
        var parts = new List<string>
        {
            toleration.KeyText.Length == 0 ? "no key" : $"key {toleration.KeyText}",
            $"operator {toleration.EffectiveOperator}",
        };
        if (toleration.ValueText.Length > 0)
            parts.Add($"value {toleration.ValueText}");
        parts.Add(toleration.EffectText.Length == 0 ? "every effect" : $"effect {toleration.EffectText}");
        if (toleration.TolerationSeconds is { } seconds)
            parts.Add($"tolerationSeconds {seconds.Value}");
        return string.Join(", ", parts);
    }
}
