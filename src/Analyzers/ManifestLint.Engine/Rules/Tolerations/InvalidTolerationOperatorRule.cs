using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class InvalidTolerationOperatorRule : Rule
{
    /// <summary>The first version whose API types know <c>Lt</c>/<c>Gt</c> (alpha, gate off by default).</summary>
    private static readonly KubernetesVersion ComparisonOperatorsSince = new(1, 35);

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3001", Name: "invalid-toleration-operator", Title: "Toleration operator is not Exists or Equal",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a toleration whose `operator` is neither `Exists` nor `Equal` (an empty operator means `Equal`).
            The check is case-sensitive, like the API server: `exists` is wrong and gets a did-you-mean. `Lt` and `Gt`
            are alpha in Kubernetes 1.35+ behind the `TaintTolerationComparisonOperators` feature gate, which is off by
            default, so they are reported too, with a message that says so for the target `kubernetesVersion`.

            ## Why is this bad?
            The API server refuses the object ("Unsupported value"). A StatefulSet is the exception: its pod template
            is not validated, so the StatefulSet is stored and then every pod it tries to create is rejected; the
            rollout never completes.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: gpu-worker}
            spec:
              selector: {matchLabels: {app: gpu-worker}}
              template:
                metadata: {labels: {app: gpu-worker}}
                spec:
                  tolerations:
                    - {key: nvidia.com/gpu, operator: exists, effect: NoSchedule}
                  containers:
                    - {name: worker, image: "registry.example.com/gpu-worker:1.4.2"}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: gpu-worker}
            spec:
              selector: {matchLabels: {app: gpu-worker}}
              template:
                metadata: {labels: {app: gpu-worker}}
                spec:
                  tolerations:
                    - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}
                  containers:
                    - {name: worker, image: "registry.example.com/gpu-worker:1.4.2"}
            ```

            ## References
            - [Taints and Tolerations](https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/)
            """);

    public override void Check(RuleContext context)
    {
        foreach (var toleration in context.Tolerations())
        {
            if (toleration.Operator is not { } node || node.Value.Length == 0 || Array.IndexOf(TolerationSyntax.Operators, node.Value) >= 0)
                continue;
            var suggestion = node.Value is "Lt" or "Gt" or "In" or "NotIn" or "DoesNotExist" ? null : NameSyntax.DidYouMean(node.Value, TolerationSyntax.Operators);
            context.Report(node, $"{toleration.Describe()} has operator '{node.Value}', {Explain(node.Value, suggestion, context.KubernetesVersion)}; {context.PodSpec!.Rejection}", FindingFix.DidYouMean(suggestion));
        }
    }

    private static string Explain(string value, string? suggestion, KubernetesVersion version)
    {
        if (value is "Lt" or "Gt")
        {
            return version >= ComparisonOperatorsSince
                ? $"which needs the alpha feature gate TaintTolerationComparisonOperators (Kubernetes {ComparisonOperatorsSince}+, off by default)"
                : $"which does not exist before Kubernetes {ComparisonOperatorsSince} (targeting {version}) and is alpha behind TaintTolerationComparisonOperators from then on";
        }

        if (value is "In" or "NotIn" or "DoesNotExist")
            return "which is a node-affinity operator, not Exists or Equal";
        return suggestion is not null
            ? $"which is not Exists or Equal (did you mean '{suggestion}'?)"
            : "which is not Exists or Equal";
    }
}
