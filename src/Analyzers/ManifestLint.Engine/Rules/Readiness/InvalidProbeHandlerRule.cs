namespace ManifestLint.Engine.Rules.Readiness;

public sealed class InvalidProbeHandlerRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5008", Name: "invalid-probe-handler", Title: "A probe has no handler or more than one",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a `readinessProbe`, `livenessProbe` or `startupProbe` that sets none of `exec`, `httpGet`,
            `tcpSocket` and `grpc`, or more than one of them, on a container or sidecar of any pod template.

            ## Why is this bad?
            The API server rejects the object ("must specify a handler type", "may not specify more than 1 handler
            type"). A probe with only timings, such as `readinessProbe: {periodSeconds: 5}`, usually means the
            handler was lost in an edit or mis-indented.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe:
                        periodSeconds: 5
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe:
                        httpGet: {path: /healthz, port: 80}
                        periodSeconds: 5
            ```

            ## Known problems
            StatefulSet templates are not validated when the StatefulSet is created: the object is accepted and
            every pod the controller tries to create is rejected instead, so the rollout never starts.
            """);

    public override void Check(RuleContext context)
    {
        foreach (var probe in ProbeView.All(context))
        {
            var handlers = probe.Handlers().ToArray();
            if (handlers.Length == 0)
                context.Report(probe.Key, $"{probe.Describe()} has no handler: it needs exactly one of exec, httpGet, tcpSocket or grpc");
            for (var index = 1; index < handlers.Length; index++)
                context.Report(handlers[index], $"{probe.Describe()} sets {handlers[index].Value} beside {handlers[0].Value}: a probe takes exactly one handler");
        }
    }
}
