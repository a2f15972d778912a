using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Rules.Api;

public sealed class DuplicateServicePortRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8141", Name: "duplicate-service-port", Title: "A Service lists the same port and protocol twice",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a Service `ports` entry whose `port` and `protocol` (TCP when not set), or whose `nodePort` and
            `protocol`, an earlier entry already has.

            ## Why is this bad?
            The API server rejects the Service ("Duplicate value"). The same port over TCP and UDP is fine.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports:
                - {name: http, port: 80, targetPort: 8080}
                - {name: metrics, port: 80, targetPort: 9090}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports:
                - {name: http, port: 80, targetPort: 8080}
                - {name: metrics, port: 9090, targetPort: 9090}
            ```
            """);

    public override void Check(RuleContext context)
    {
        if (ServicePorts.From(context.Resource) is not { } service)
            return;
        var ports = new HashSet<(long, string)>();
        var nodePorts = new HashSet<(long, string)>();
        foreach (var port in service.Items)
        {
            var protocol = ServicePorts.Protocol(port);
            var path = port.PathFrom(context.Resource.Root);
            if (port["port"] is { } number && ApiObjects.Integer(number) is { } value && !ports.Add((value, protocol)))
                context.Report(number, $"{path}.port {value}/{protocol} is already a port of this Service; {ApiObjects.Rejection(context)}");
            if (port["nodePort"] is { } nodePort && ApiObjects.Integer(nodePort) is { } node && node != 0 && !nodePorts.Add((node, protocol)))
                context.Report(nodePort, $"{path}.nodePort {node}/{protocol} is already a node port of this Service; {ApiObjects.Rejection(context)}");
        }
    }
}
