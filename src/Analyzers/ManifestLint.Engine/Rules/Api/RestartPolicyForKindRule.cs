using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Rules.Api;

public sealed class RestartPolicyForKindRule : Rule
{
    private static readonly string[] AlwaysOnly = ["Always"];
    private static readonly string[] JobPolicies = ["OnFailure", "Never"];

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8120", Name: "restart-policy-not-allowed-for-kind", Title: "The pod template's restartPolicy is not one its controller allows",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a pod template whose `restartPolicy` its controller does not allow: Deployments, ReplicaSets,
            DaemonSets, StatefulSets and ReplicationControllers need `Always`; Jobs and CronJobs need `OnFailure` or
            `Never`. An absent `restartPolicy` is `Always`, so a Job template without one is flagged too.

            ## Why is this bad?
            The API server rejects the object ("Unsupported value: \"Always\": supported values: \"OnFailure\",
            \"Never\""). This check applies to StatefulSet templates as well, although the rest of their pod spec is
            not validated.

            ## Example
            ```yaml
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              template:
                spec:
                  containers:
                    - {name: migrate, image: "registry.example.com/migrate:1.4.0"}
            ```

            Use instead:
            ```yaml
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - {name: migrate, image: "registry.example.com/migrate:1.4.0"}
            ```
            """);

    public override void Check(RuleContext context)
    {
        if (context.PodSpec is not { } podSpec || !ApiObjects.IsBuiltIn(context.Resource))
            return;
        var allowed = context.Resource.Kind switch
        {
            "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet" or "ReplicationController" => AlwaysOnly,
            "Job" or "CronJob" => JobPolicies,
            _ => null,
        };
        if (allowed is null)
            return;
        var node = podSpec.Node["restartPolicy"];
        var value = node is null || node is ManifestScalar { IsNull: true } ? "" : ApiObjects.Text(node);
        // Values outside Always/OnFailure/Never are ML8111's, except in a StatefulSet, where only this check runs.
        if (value is null || allowed.Contains(value.Length == 0 ? "Always" : value, StringComparer.Ordinal) ||
            (podSpec.IsValidatedByApiServer && value.Length > 0 && !AllowedValues.RestartPolicies.Contains(value, StringComparer.Ordinal)))
            return;
        var expected = string.Join(" or ", allowed);
        var path = podSpec.Node.PathFrom(context.Resource.Root);
        if (value.Length == 0)
            context.Report(podSpec.Node.KeyNode("restartPolicy") ?? ApiObjects.KeyOf(podSpec.Node),
                $"{path}.restartPolicy is not set, so it defaults to Always; a {context.Resource.Kind} needs {expected}; {ApiObjects.Rejection(context)}");
        else
            context.Report(node!, $"{path}.restartPolicy is {value}; a {context.Resource.Kind} needs {expected}; {ApiObjects.Rejection(context)}");
    }
}
