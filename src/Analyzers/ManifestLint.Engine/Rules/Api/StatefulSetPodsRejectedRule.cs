namespace ManifestLint.Engine.Rules.Api;

public sealed class StatefulSetPodsRejectedRule : Rule
{
    private const string Consequence = "the StatefulSet is accepted, but every pod its controller creates is rejected, so none will be created";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8199", Name: "statefulset-pods-rejected", Title: "A StatefulSet's pod template has mistakes that Pod validation rejects",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Runs the pod-spec checks of the ML81xx rules (required fields, allowed values, container names, ports,
            environment variables, volumes and mounts, probes, requests above limits, topology spread
            constraints) on a StatefulSet's pod template, and reports what they find. A check switched off by
            configuration stays off here too.

            ## Why is this bad?
            The API server does not Pod-validate a StatefulSet's template when the StatefulSet is created (only its
            labels, annotations and `restartPolicy`), so it stores the StatefulSet; then every pod the controller
            tries to create is rejected, no pod ever starts and `kubectl rollout status` waits forever. The
            mistake surfaces only as events on the StatefulSet.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                    - name: db
                      image: postgres:16.4
                      volumeMounts: [{name: pgdata, mountPath: /var/lib/postgresql/data}]
              volumeClaimTemplates:
                - metadata: {name: data}
                  spec:
                    accessModes: [ReadWriteOnce]
                    resources: {requests: {storage: 10Gi}}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                    - name: db
                      image: postgres:16.4
                      volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
              volumeClaimTemplates:
                - metadata: {name: data}
                  spec:
                    accessModes: [ReadWriteOnce]
                    resources: {requests: {storage: 10Gi}}
            ```

            ## Known problems
            The findings carry this rule's ID; each message names the field, what is expected and the rule whose
            check found it.
            """);

    public override void Check(RuleContext context)
    {
        if (context.PodSpec is not { IsValidatedByApiServer: false } podSpec || !ApiObjects.IsBuiltIn(context.Resource))
            return;
        foreach (var rule in RuleCatalog.Rules)
        {
            if (rule is PodSpecRule podSpecRule && context.Configuration.LevelOf(rule.Descriptor) != RuleLevel.Off)
                podSpecRule.CheckPodSpec(new PodSpecCheck(context, podSpec, $"{Consequence} (the check of {rule.Descriptor})"));
        }
    }
}
