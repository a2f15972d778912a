using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Model;

/// <summary>A port a pod binds on its node, so two pods of the same template cannot share a node.</summary>
public sealed record HostPortUse(string Container, long Port, ManifestNode Node, bool FromHostNetwork);

/// <summary>Finds host ports in a pod template: <c>hostPort</c>, or any <c>containerPort</c> under <c>hostNetwork: true</c>.</summary>
public static class HostPorts
{
    public static HostPortUse? First(Workload workload)
    {
        if (workload.TemplateSpec is not { } spec)
            return null;
        // With hostNetwork the API server defaults hostPort to containerPort (core/v1 defaults).
        var hostNetwork = spec.Scalar("hostNetwork") is { Value: "true" };
        foreach (var field in new[] { "initContainers", "containers" })
        {
            if (spec.Sequence(field) is not { } containers)
                continue;
            foreach (var container in containers.Items.OfType<ManifestMapping>())
            {
                if (field == "initContainers" && container.Scalar("restartPolicy") is not { Value: "Always" })
                    continue;
                if (container.Sequence("ports") is not { } ports)
                    continue;
                foreach (var port in ports.Items.OfType<ManifestMapping>())
                {
                    var name = container.String("name") ?? "?";
                    if (port.Scalar("hostPort") is { } hostPort && hostPort.TryGetInteger(out var value) && value > 0)
                        return new HostPortUse(name, value, hostPort, false);
                    if (hostNetwork && port.Scalar("containerPort") is { } containerPort && containerPort.TryGetInteger(out var bound) && bound > 0)
                        return new HostPortUse(name, bound, containerPort, true);
                }
            }
        }

        return null;
    }
}
