namespace ManifestLint.Engine.Rules.Readiness;

public sealed class ProbeSuccessThresholdRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5009", Name: "probe-success-threshold-not-one", Title: "A liveness or startup probe has a successThreshold other than 1",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a `livenessProbe` or `startupProbe` whose `successThreshold` is neither 1 nor 0 (which defaults
            to 1). Readiness probes may use higher values.

            ## Why is this bad?
            The API server rejects it ("must be 1"): one success is all a liveness or startup probe can mean.
            A higher threshold was most likely meant for the readiness probe.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  livenessProbe:
                    httpGet: {path: /healthz, port: 80}
                    successThreshold: 3
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
                  livenessProbe:
                    httpGet: {path: /healthz, port: 80}
                  readinessProbe:
                    httpGet: {path: /healthz, port: 80}
                    successThreshold: 3
            ```

            ## Known problems
            StatefulSet templates are not validated when the StatefulSet is created: the object is accepted and
            every pod the controller tries to create is rejected instead.
            """);

    public override void Check(RuleContext context)
    {
        foreach (var probe in ProbeView.All(context))
        {
            if (probe.Field == "readinessProbe" || probe.Node.Scalar("successThreshold") is not { } threshold || !threshold.TryGetInteger(out var value))
                continue;
            // Probe defaulting turns 0 into 1 before validation.
            if (value is not (0 or 1))
                context.Report(threshold, $"{probe.Describe()} has successThreshold {value}; liveness and startup probes require 1");
        }
    }
}
