using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class MaxUnavailableOver100PercentRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2002", Name: "max-unavailable-over-100-percent", Title: "maxUnavailable is over 100%",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a percentage `maxUnavailable` above `100%` on a Deployment, DaemonSet or StatefulSet.

            ## Why is this bad?
            The API server rejects it: "must not be greater than 100%". Integers are never capped by validation;
            the Deployment controller clamps them to `replicas` instead.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate:
                  maxSurge: 25%
                  maxUnavailable: 110%
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate:
                  maxSurge: 25%
                  maxUnavailable: 50%
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```
            """);

    public override void Check(RuleContext context)
    {
        if (ValidatedStrategy.From(context)?.MaxUnavailable is { IsPercent: true, Value: > 100, Node: { } node } value)
            context.Report(node, $"maxUnavailable {value.Display} is greater than 100%");
    }
}
