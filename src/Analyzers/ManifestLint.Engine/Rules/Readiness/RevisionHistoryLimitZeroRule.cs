namespace ManifestLint.Engine.Rules.Readiness;

public sealed class RevisionHistoryLimitZeroRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5002", Name: "revision-history-limit-zero", Title: "revisionHistoryLimit 0 leaves nothing to roll back to",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a Deployment, DaemonSet or StatefulSet with `revisionHistoryLimit: 0`.

            ## Why is this bad?
            The controller deletes every old ReplicaSet or ControllerRevision as soon as a rollout finishes, so
            `kubectl rollout undo` has nothing to go back to and `kubectl rollout history` is empty. When a bad
            release is live, the only way back is to edit and re-apply the old manifest. The default keeps 10.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              revisionHistoryLimit: 0
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
              revisionHistoryLimit: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe: {httpGet: {path: /, port: 80}}
            ```

            ## References
            - https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#revision-history-limit
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is { RevisionHistoryLimit: { Value: 0, Node: { } node } } workload)
            context.Report(node, $"revisionHistoryLimit 0 keeps no old revisions of this {workload.Kind}: kubectl rollout undo has nothing to go back to");
    }
}
