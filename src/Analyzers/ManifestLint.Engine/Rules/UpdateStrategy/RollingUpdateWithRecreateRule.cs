using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.UpdateStrategy;

public sealed class RollingUpdateWithRecreateRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML1002", Name: "rolling-update-with-recreate", Title: "A Recreate Deployment has a rollingUpdate block",
        Category: RuleCategory.UpdateStrategy, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a Deployment whose `spec.strategy.type` is `Recreate` and that also has a `spec.strategy.rollingUpdate`
            block, even an empty one (`rollingUpdate: {}`).

            ## Why is this bad?
            The API server rejects the object: "may not be specified when strategy `type` is 'Recreate'". This often
            happens when a chart switches the type but keeps rendering the block.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: db-admin
            spec:
              replicas: 1
              selector:
                matchLabels: {app: db-admin}
              strategy:
                type: Recreate
                rollingUpdate: {}
              template:
                metadata:
                  labels: {app: db-admin}
                spec:
                  containers:
                    - name: admin
                      image: adminer:4.8.1
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: db-admin
            spec:
              replicas: 1
              selector:
                matchLabels: {app: db-admin}
              strategy:
                type: Recreate
              template:
                metadata:
                  labels: {app: db-admin}
                spec:
                  containers:
                    - name: admin
                      image: adminer:4.8.1
            ```

            ## References
            - [Recreate Deployment](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#recreate-deployment)
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { Kind: WorkloadKind.Deployment, Strategy: { IsRecreate: true, RollingUpdate: not null } strategy })
            return;
        context.Report(strategy.RollingUpdateKey!, "strategy.rollingUpdate may not be set when strategy.type is Recreate");
    }
}
