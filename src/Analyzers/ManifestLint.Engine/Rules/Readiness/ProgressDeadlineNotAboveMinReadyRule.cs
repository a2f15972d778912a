using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Readiness;

public sealed class ProgressDeadlineNotAboveMinReadyRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5001", Name: "progress-deadline-not-above-min-ready", Title: "Deployment progressDeadlineSeconds is not greater than minReadySeconds",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a Deployment whose `progressDeadlineSeconds` is not greater than its `minReadySeconds`, after
            Kubernetes defaulting: an omitted `progressDeadlineSeconds` is 600, so `minReadySeconds: 600` alone is
            flagged. `progressDeadlineSeconds: 0` is always flagged.

            ## Why is this bad?
            The API server rejects the Deployment ("must be greater than minReadySeconds"). The rule exists because
            a new pod only counts as available after `minReadySeconds`, so a deadline that is not longer than that
            could never be met.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              minReadySeconds: 600
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe: {httpGet: {path: /, port: 80}}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              minReadySeconds: 600
              progressDeadlineSeconds: 900
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe: {httpGet: {path: /, port: 80}}
            ```

            ## Known problems
            `progressDeadlineSeconds: 2147483647` means "no deadline" to the controller, but the API server still
            requires it to be greater than `minReadySeconds`, so it is judged like any other number.

            ## References
            - https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#progress-deadline-seconds
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { Kind: WorkloadKind.Deployment, ProgressDeadlineSeconds: { } deadline } workload)
            return;
        var minReady = workload.MinReadySeconds;
        if (deadline.Value > minReady.Value)
            return;

        if (deadline.Node is { } deadlineNode)
        {
            var message = deadline.Value == 0
                ? "progressDeadlineSeconds 0 is rejected: the deadline must be greater than minReadySeconds"
                : $"progressDeadlineSeconds {deadline.Value} is not greater than minReadySeconds {minReady.Value}";
            context.Report(deadlineNode, message);
        }
        else if (minReady.Node is { } minReadyNode)
        {
            context.Report(minReadyNode, $"minReadySeconds {minReady.Value} is not less than progressDeadlineSeconds, which defaults to {deadline.Value}");
        }
    }
}
