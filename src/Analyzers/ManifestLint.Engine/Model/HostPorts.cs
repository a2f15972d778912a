using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Model;

/// <summary>A port a pod binds on its node, so two pods of the same template cannot share a node.</summary>
public sealed record HostPortUse(string Container, long Port, ManifestNode Node, bool FromHostNetwork);

/// <summary>Finds host ports in a pod template: <c>hostPort</c>, or any <c>containerPort</c> under <c>hostNetwork: true</c>.</summary>
public static class HostPorts
{
    public static HostPortUse? First(Workload workload)
    {
        if (PodSpecView.From(workload.Resource) is not { } podSpec)
            return null;
        // With hostNetwork the API server defaults hostPort to containerPort (core/v1 defaults).
        var hostNetwork = podSpec.Node.Scalar("hostNetwork") is { Value: "true" };
        foreach (var container in podSpec.Containers())
        {
            // Plain init containers have finished before the pod runs; only sidecars (restartPolicy Always) hold ports.
            var holdsPorts = container.Kind == ContainerKind.Container ||
                             (container.Kind == ContainerKind.InitContainer && container.Node.Scalar("restartPolicy") is { Value: "Always" });
            if (!holdsPorts || container.Node.Sequence("ports") is not { } ports)
                continue;
            foreach (var port in ports.Items.OfType<ManifestMapping>())
            {
                if (port.Scalar("hostPort") is { } hostPort && hostPort.TryGetInteger(out var value) && value > 0)
                    return new HostPortUse(container.Name, value, hostPort, false);
                if (hostNetwork && port.Scalar("containerPort") is { } containerPort && containerPort.TryGetInteger(out var bound) && bound > 0)
                    return new HostPortUse(container.Name, bound, containerPort, true);
            }
        }

        return null;
    }
}
