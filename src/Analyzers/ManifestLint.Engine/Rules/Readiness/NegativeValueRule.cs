using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Readiness;

public sealed class NegativeValueRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5006", Name: "negative-value", Title: "replicas, minReadySeconds or revisionHistoryLimit is negative or beyond int32",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a negative `replicas` or `minReadySeconds` on a Deployment, DaemonSet or StatefulSet, and a
            negative `revisionHistoryLimit` on a Deployment or DaemonSet; also any of them above 2147483647, the
            largest int32.

            ## Why is this bad?
            The API server rejects it: a negative value "must be greater than or equal to 0", and a value beyond
            int32 does not even decode. The rollout evaluator does not replay such a workload either.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: -1
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
              replicas: 1
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
            A StatefulSet's `revisionHistoryLimit` is not validated: a negative value is accepted with an API
            warning and keeps every revision, which ML5007 reports. A negative `progressDeadlineSeconds` is
            reported by ML5001.
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { } workload)
            return;
        Check(context, workload, "replicas", workload.Replicas);
        Check(context, workload, "minReadySeconds", workload.MinReadySeconds);
        if (workload.Kind != WorkloadKind.StatefulSet)
            Check(context, workload, "revisionHistoryLimit", workload.RevisionHistoryLimit);
    }

    private static void Check(RuleContext context, Workload workload, string field, Defaulted<long>? value)
    {
        if (value is { Node: { } node, Value: < 0 } negative)
            context.Report(node, $"{workload.Kind} {field} {negative.Value} is negative; the API server requires 0 or more");
        else if (value is { Node: { } large, Value: > int.MaxValue } tooLarge)
            context.Report(large, $"{workload.Kind} {field} {tooLarge.Value} does not fit the API's int32 (at most {int.MaxValue}); the API server cannot decode the object");
    }
}
