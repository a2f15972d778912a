using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidServicePortRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8140", Name: "invalid-service-port", Title: "A Service port has an invalid number, target or name",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a Service's `ports` entry whose `port` is missing or outside 1–65535; whose `targetPort` is a
            number outside 1–65535 (0 means "same as port") or a name that is not an IANA service name; whose
            `nodePort` is outside 1–65535 or set on a ClusterIP Service; whose `name` is missing although the
            Service has several ports, is not a DNS label, or repeats an earlier port's name.

            ## Why is this bad?
            The API server rejects the Service ("spec.ports[1].name: Required value", "must be between 1 and
            65535, inclusive"). Endpoints and Ingresses refer to Service ports by name, so names must be unique.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports:
                - {name: http, port: 80, targetPort: 8080}
                - {port: 443, targetPort: 8443}
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
                - {name: https, port: 443, targetPort: 8443}
            ```
            """);

    public override void Check(RuleContext context)
    {
        if (ServicePorts.From(context.Resource) is not { } service)
            return;
        var rejection = ApiObjects.Rejection(context);
        var requireNames = service.Ports?.Items.Count > 1;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var port in service.Items)
        {
            var path = port.PathFrom(context.Resource.Root);
            var number = port["port"];
            if (number is null or ManifestScalar { IsNull: true })
                context.Report(FirstKey(port), $"{path}.port is required; {rejection}");
            else if (ApiObjects.Integer(number) is { } value && !NameSyntax.IsPortNumber(value))
                context.Report(number, $"{path}.port is {value}; it must be between 1 and 65535; {rejection}");

            // targetPort 0 or "" is defaulted to port.
            if (port["targetPort"] is { } target)
            {
                if (ApiObjects.Integer(target) is { } targetNumber && targetNumber != 0 && !NameSyntax.IsPortNumber(targetNumber))
                    context.Report(target, $"{path}.targetPort is {targetNumber}; it must be between 1 and 65535; {rejection}");
                else if (ApiObjects.Text(target) is { Length: > 0 } targetName && NameSyntax.PortNameProblem(targetName) is { } problem)
                    context.Report(target, $"{path}.targetPort '{targetName}' is neither a port number nor a valid port name: {problem}; {rejection}");
            }

            if (port["nodePort"] is { } nodePort && ApiObjects.Integer(nodePort) is { } node && node != 0)
            {
                if (!NameSyntax.IsPortNumber(node))
                    context.Report(nodePort, $"{path}.nodePort is {node}; it must be between 1 and 65535; {rejection}");
                else if (service.Type == "ClusterIP")
                    context.Report(nodePort, $"{path}.nodePort is set on a ClusterIP Service, which has no node ports; {rejection}");
            }

            var name = port["name"];
            var nameText = ApiObjects.Text(name) ?? "";
            var nameMissing = name is null or ManifestScalar { IsNull: true } || ApiObjects.Text(name) is "";
            if (nameMissing && requireNames)
                context.Report((ManifestNode?)port.KeyNode("name") ?? FirstKey(port), $"{path} has no name; every port needs one when a Service has several; {rejection}");
            else if (nameText.Length > 0 && NameSyntax.DnsLabelProblem(nameText) is { } nameProblem)
                context.Report(name!, $"{path}.name is invalid: {nameProblem}; {rejection}");
            else if (nameText.Length > 0 && !names.Add(nameText))
                context.Report(name!, $"{path}.name '{nameText}' is already the name of another port of this Service; {rejection}");
        }
    }

    private static ManifestNode FirstKey(ManifestMapping port) => port.Entries.Count > 0 ? port.Entries[0].Key : port;
}
