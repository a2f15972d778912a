using ManifestLint.Engine.Model;
using ManifestLint.Engine.Rules.Readiness;

namespace ManifestLint.Engine.Rules.Api;

public sealed class ProbePortNotDeclaredRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8127", Name: "probe-port-not-declared", Title: "A probe names a port its container does not declare",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags an `httpGet` or `tcpSocket` probe whose `port` is a name that no entry of the container's `ports`
            carries.

            ## Why is this bad?
            The API server accepts it, but the kubelet cannot resolve the name, so every probe fails: a readiness
            probe keeps the pod out of its Services and stalls the rollout, a liveness or startup probe restarts the
            container again and again.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  ports: [{name: http, containerPort: 80}]
                  readinessProbe:
                    httpGet: {path: /healthz, port: web}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  ports: [{name: http, containerPort: 80}]
                  readinessProbe:
                    httpGet: {path: /healthz, port: http}
            ```
            """);

    public override void Check(RuleContext context)
    {
        if (!ApiObjects.IsBuiltIn(context.Resource))
            return;
        foreach (var probe in ProbeView.All(context))
        {
            var declared = ApiObjects.Items(probe.Container.Node.Sequence("ports"))
                .Select(port => ApiObjects.Text(port["name"]))
                .OfType<string>()
                .ToArray();
            foreach (var handler in new[] { "httpGet", "tcpSocket" })
            {
                // Invalid names are ML8126's finding.
                if (probe.Node.Mapping(handler)?["port"] is not { } port || ApiObjects.Text(port) is not { } name ||
                    NameSyntax.PortNameProblem(name) is not null || declared.Contains(name, StringComparer.Ordinal))
                    continue;
                var hint = NameSyntax.DidYouMean(name, declared) is { } suggestion ? $" (did you mean '{suggestion}'?)"
                    : declared.Length == 0 ? "; it declares no named ports" : $"; it declares {string.Join(", ", declared)}";
                context.Report(port, $"{probe.Describe()} uses port '{name}', which {probe.Container.Describe()} does not declare{hint}; the probe always fails");
            }
        }
    }
}
