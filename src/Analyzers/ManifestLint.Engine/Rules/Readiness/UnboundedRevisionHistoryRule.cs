using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Readiness;

public sealed class UnboundedRevisionHistoryRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5007", Name: "unbounded-revision-history", Title: "A negative StatefulSet revisionHistoryLimit keeps every revision",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a StatefulSet with a negative `revisionHistoryLimit`.

            ## Why is this bad?
            Unlike Deployments and DaemonSets, StatefulSets do not validate the field: the API server accepts the
            object with the warning "a negative value retains all historical revisions", and the controller then
            never prunes ControllerRevisions. They pile up in etcd with every template change, and whoever wrote
            the negative number most likely meant something else.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 3
              revisionHistoryLimit: -1
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                    - name: db
                      image: postgres:17.2
                      readinessProbe: {exec: {command: [pg_isready]}}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 3
              revisionHistoryLimit: 10
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                    - name: db
                      image: postgres:17.2
                      readinessProbe: {exec: {command: [pg_isready]}}
            ```

            ## References
            - https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/stateful-set-v1/
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is { Kind: WorkloadKind.StatefulSet, RevisionHistoryLimit: { Node: { } node, Value: < 0 } limit })
            context.Report(node, $"StatefulSet revisionHistoryLimit {limit.Value} is accepted with an API warning and keeps every ControllerRevision forever");
    }
}
