using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

public sealed class InvalidStrategyTypeRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML1001", Name: "invalid-strategy-type", Title: "The update strategy type is not valid for the kind",
        Category: RuleCategory.UpdateStrategy, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a `type` that the kind does not support: a Deployment's `spec.strategy.type` must be `RollingUpdate`
            or `Recreate`; a DaemonSet's or StatefulSet's `spec.updateStrategy.type` must be `RollingUpdate` or
            `OnDelete`. Values are case-sensitive; the message suggests the intended value for a case slip or a typo.
            It also flags a strategy written as a plain string (`strategy: Recreate`) instead of a mapping.

            ## Why is this bad?
            The API server rejects the object ("Unsupported value"), so the change never reaches the cluster.
            StatefulSet `Recreate` exists only behind the alpha `StatefulSetRecreateStrategy` feature gate, which is
            off by default, so it is rejected too.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              strategy:
                type: rollingupdate
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
              replicas: 3
              selector:
                matchLabels: {app: web}
              strategy:
                type: RollingUpdate
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            ## References
            - [Deployment strategy](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy)
            - [DaemonSet update strategy](https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#daemonset-update-strategy)
            - [StatefulSet update strategies](https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies)
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { } workload)
            return;
        var strategy = workload.Strategy;
        var field = workload.StrategyField;
        var validTypes = StrategyText.ValidTypes(workload.Kind);

        if (strategy.Node is null && workload.Spec[field] is ManifestScalar { IsNull: false } scalar)
        {
            var example = StrategyText.DidYouMean(scalar.Value, validTypes) ?? validTypes[0];
            context.Report(scalar, $"{field} must be a mapping such as {{type: {example}}}, not the string '{scalar.Value}'");
            return;
        }

        if (strategy.TypeNode is not { Value.Length: > 0 } typeNode || validTypes.Contains(typeNode.Value, StringComparer.Ordinal))
            return;

        var type = typeNode.Value;
        var supported = $"{StrategyText.Plural(workload.Kind)} support {validTypes[0]} or {validTypes[1]}";
        string message;
        FindingFix? fix = null;
        if (workload.Kind == WorkloadKind.StatefulSet && type == Model.UpdateStrategy.RecreateType)
            message = $"{field}.type Recreate needs the alpha StatefulSetRecreateStrategy feature gate, which is off by default: {supported}";
        else if (StrategyText.DidYouMean(type, validTypes) is { } suggestion)
        {
            message = $"{field}.type '{type}' is not supported (values are case-sensitive): did you mean '{suggestion}'?";
            fix = FindingFix.DidYouMean(suggestion);
        }

        else if (type is Model.UpdateStrategy.RecreateType or Model.UpdateStrategy.OnDeleteType)
            message = $"{field}.type '{type}' is not a {workload.Kind} strategy: {supported}";
        else
            message = $"{field}.type '{type}' is not supported: {supported}";
        context.Report(typeNode, message, fix);
    }
}
