using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class TolerationMatchesEveryTaintRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3008", Name: "toleration-matches-every-taint", Title: "A toleration tolerates every taint outside a DaemonSet",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a toleration with no key, operator `Exists` and no effect, which tolerates every taint, in any
            object other than a DaemonSet.

            ## Why is this bad?
            It lets the pods onto every tainted node (control plane, dedicated and draining nodes) and it tolerates
            the `NoExecute` taints `node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` forever, so the
            pods are never evicted from a dead node and a rollout waits on replicas that cannot come back. Node
            agents in DaemonSets need this; ordinary workloads do not.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: checkout}
            spec:
              replicas: 3
              selector: {matchLabels: {app: checkout}}
              template:
                metadata: {labels: {app: checkout}}
                spec:
                  tolerations:
                    - operator: Exists
                  containers:
                    - {name: checkout, image: "registry.example.com/checkout:4.1.0"}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: checkout}
            spec:
              replicas: 3
              selector: {matchLabels: {app: checkout}}
              template:
                metadata: {labels: {app: checkout}}
                spec:
                  tolerations:
                    - {key: dedicated, operator: Equal, value: checkout, effect: NoSchedule}
                  containers:
                    - {name: checkout, image: "registry.example.com/checkout:4.1.0"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        if (context.Resource.Kind == "DaemonSet")
            return;
        foreach (var toleration in context.Tolerations())
        {
            if (toleration.KeyText.Length == 0 && toleration.OperatorText == "Exists" && toleration.EffectText.Length == 0)
                context.Report((ManifestNode?)toleration.Operator ?? toleration.Node, $"{toleration.Describe()} (operator Exists, no key, no effect) tolerates every taint, including not-ready and unreachable nodes, in a {context.Resource.Kind}");
        }
    }
}
