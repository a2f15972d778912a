using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

public sealed class WrongStrategyFieldRule : Rule
{
    private const string Consequence = "an unknown field, rejected by strict field validation and dropped otherwise";

    private static readonly string[] StrategyFields = ["type", "rollingUpdate"];
    private static readonly string[] SurgeFields = ["maxSurge", "maxUnavailable"];
    private static readonly string[] StatefulSetFields = ["partition", "maxUnavailable"];

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML1006", Name: "wrong-strategy-field", Title: "The update strategy is written under a field the kind does not have",
        Category: RuleCategory.UpdateStrategy, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags `spec.updateStrategy` on a Deployment and `spec.strategy` on a DaemonSet or StatefulSet, and fields
            inside the strategy that the kind does not have: `maxSurge` on a StatefulSet, `partition` on a Deployment
            or DaemonSet, and misspelt keys such as `maxUnavailible` (with a did-you-mean).

            ## Why is this bad?
            Deployments call the field `strategy`; DaemonSets and StatefulSets call it `updateStrategy`. An unknown
            field is rejected under strict field validation (the default of `kubectl apply` and `kubectl create`);
            clients that do not ask for it get only a warning and the field is dropped, so the workload silently
            rolls out with the default strategy instead of the one written.

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
              updateStrategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 0
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
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 0
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            ## References
            - [Server-side field validation](https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation)
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { } workload)
            return;
        var kind = workload.Kind;
        var plural = StrategyText.Plural(kind);
        var wrongField = kind == WorkloadKind.Deployment ? "updateStrategy" : "strategy";
        if (workload.Spec.KeyNode(wrongField) is { } wrongKey)
            context.Report(wrongKey, $"{plural} use spec.{workload.StrategyField}: spec.{wrongField} is {Consequence}");

        if (workload.Strategy.Node is not { } strategy)
            return;
        var field = workload.StrategyField;
        CheckKeys(context, strategy, field, StrategyFields, otherKindFields: []);
        if (workload.Strategy.RollingUpdate is { } block)
        {
            var known = kind == WorkloadKind.StatefulSet ? StatefulSetFields : SurgeFields;
            var otherKinds = kind == WorkloadKind.StatefulSet ? SurgeFields : StatefulSetFields;
            CheckKeys(context, block, $"{field}.rollingUpdate", known, otherKinds, plural);
        }
    }

    private static void CheckKeys(RuleContext context, ManifestMapping mapping, string path, string[] known, string[] otherKindFields, string? plural = null)
    {
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (known.Contains(key, StringComparer.Ordinal))
                continue;
            var message = otherKindFields.Contains(key, StringComparer.Ordinal)
                ? $"{plural} have no {key}: {path}.{key} is {Consequence}"
                : StrategyText.DidYouMean(key, known) is { } suggestion
                    ? $"{path}.{key} is {Consequence}: did you mean {suggestion}?"
                    : $"{path}.{key} is {Consequence}";
            context.Report(entry.Key, message);
        }
    }
}
