namespace ManifestLint.Engine.Rules.Tolerations;

public sealed class MasterTolerationWithoutControlPlaneRule : Rule
{
    public const string MasterKey = "node-role.kubernetes.io/master";
    public const string ControlPlaneKey = "node-role.kubernetes.io/control-plane";

    /// <summary>kubeadm taints control-plane nodes with the control-plane key from 1.24 and drops the master taint in 1.25.</summary>
    private static readonly KubernetesVersion ControlPlaneTaintSince = new(1, 24);

    private static readonly FindingFix AddControlPlane = new(FixKind.AddItemCopy, ControlPlaneKey, $"Also tolerate {ControlPlaneKey}");

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML3007", Name: "master-toleration-without-control-plane", Title: "Tolerates the master taint but not the control-plane taint",
        Category: RuleCategory.Tolerations, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags pod tolerations that include `node-role.kubernetes.io/master` but not
            `node-role.kubernetes.io/control-plane` (and no key-less `Exists` toleration that covers every taint),
            when the target `kubernetesVersion` is 1.24 or newer.

            ## Why is this bad?
            Since Kubernetes 1.24 kubeadm taints control-plane nodes with `node-role.kubernetes.io/control-plane`,
            and since 1.25 the `master` taint is gone. A workload that only tolerates `master` (typically a node
            agent DaemonSet written years ago) silently stops running on control-plane nodes: no error, just
            missing pods.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: log-shipper, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: log-shipper}}
              template:
                metadata: {labels: {app: log-shipper}}
                spec:
                  tolerations:
                    - {key: node-role.kubernetes.io/master, operator: Exists, effect: NoSchedule}
                  containers:
                    - {name: shipper, image: "registry.example.com/log-shipper:2.5.2"}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: log-shipper, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: log-shipper}}
              template:
                metadata: {labels: {app: log-shipper}}
                spec:
                  tolerations:
                    - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
                    - {key: node-role.kubernetes.io/master, operator: Exists, effect: NoSchedule}
                  containers:
                    - {name: shipper, image: "registry.example.com/log-shipper:2.5.2"}
            ```

            ## References
            - [Well-known labels, annotations and taints](https://kubernetes.io/docs/reference/labels-annotations-taints/)
            """);

    public override void Check(RuleContext context)
    {
        if (context.KubernetesVersion < ControlPlaneTaintSince)
            return;
        var tolerations = context.Tolerations().ToArray();
        var coversControlPlane = tolerations.Any(toleration =>
            toleration.KeyText == ControlPlaneKey || (toleration.KeyText.Length == 0 && toleration.OperatorText == "Exists"));
        if (coversControlPlane)
            return;
        foreach (var toleration in tolerations)
        {
            if (toleration.KeyText == MasterKey)
                context.Report(toleration.Key!, $"tolerations include {MasterKey} but not {ControlPlaneKey}; control-plane nodes carry the control-plane taint since Kubernetes 1.24 and no master taint since 1.25, so these pods will not land on them", AddControlPlane);
        }
    }
}
