using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class DaemonSetSurgeWithHostPortRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2008", Name: "daemonset-surge-with-host-port", Title: "DaemonSet surges while its pods use a hostPort: the rollout stalls",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Error, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a rolling DaemonSet with a non-zero `maxSurge` whose pod template uses a host port: a container or
            init container port with `hostPort`, or any container port when the pod uses `hostNetwork: true` (there the
            host port defaults to the container port).

            ## Why is this bad?
            With surge the controller starts the new pod on a node while the old one still runs there. Both want
            the same host port, so the scheduler cannot place the new pod; it stays Pending, the old pod is never
            deleted, and the rollout stalls for good. Use `maxUnavailable` (and `maxSurge: 0`) for such daemons.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
            spec:
              selector:
                matchLabels: {app: node-exporter}
              updateStrategy:
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 0
              template:
                metadata:
                  labels: {app: node-exporter}
                spec:
                  containers:
                    - name: exporter
                      image: quay.io/prometheus/node-exporter:v1.8.2
                      ports:
                        - containerPort: 9100
                          hostPort: 9100
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
            spec:
              selector:
                matchLabels: {app: node-exporter}
              updateStrategy:
                rollingUpdate:
                  maxSurge: 0
                  maxUnavailable: 1
              template:
                metadata:
                  labels: {app: node-exporter}
                spec:
                  containers:
                    - name: exporter
                      image: quay.io/prometheus/node-exporter:v1.8.2
                      ports:
                        - containerPort: 9100
                          hostPort: 9100
            ```

            ## References
            - [DaemonSet rolling update](https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#performing-a-rolling-update)
            """);

    public override void Check(RuleContext context)
    {
        if (ValidatedStrategy.From(context) is not { Kind: WorkloadKind.DaemonSet, MaxSurge: { IsValid: true, IsZero: false } maxSurge } validated)
            return;
        var hostNetwork = context.PodSpec?.Node.Scalar("hostNetwork") is { IsPlain: true, Value: "true" or "True" or "TRUE" };
        foreach (var container in context.Containers())
        {
            if (container.Kind == ContainerKind.EphemeralContainer || container.Node.Sequence("ports") is not { } ports)
                continue;
            foreach (var port in ports.Items.OfType<ManifestMapping>())
            {
                var hostPort = HostPort(port, hostNetwork);
                if (hostPort is null)
                    continue;
                context.Report(validated.Strategy.NodeOf(maxSurge),
                    $"maxSurge {maxSurge.Display} with {hostPort} in {container.Describe()}: the surge pod cannot be scheduled beside the old pod on the same node, so the rollout stalls");
                return;
            }
        }
    }

    private static string? HostPort(ManifestMapping port, bool hostNetwork)
    {
        if (port.Scalar("hostPort") is { } hostPort && hostPort.TryGetInteger(out var value) && value > 0)
            return $"hostPort {value}";
        // With hostNetwork the host port defaults to the container port.
        if (hostNetwork && port.Scalar("containerPort") is { } containerPort && containerPort.TryGetInteger(out var number) && number > 0)
            return $"hostNetwork port {number}";
        return null;
    }
}
