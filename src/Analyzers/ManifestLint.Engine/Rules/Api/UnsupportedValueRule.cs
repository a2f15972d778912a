using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class UnsupportedValueRule : PodSpecRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8111", Name: "unsupported-value", Title: "A field holds a value the API server does not support",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags values outside the fixed set the API server accepts, for fields the schema only types as strings:
            a pod's `restartPolicy`, `dnsPolicy` and `preemptionPolicy`; a container's `imagePullPolicy`,
            `terminationMessagePolicy`, port `protocol` and probe `httpGet.scheme`; an init container's
            `restartPolicy` (only `Always`); a topology spread constraint's `whenUnsatisfiable`,
            `nodeAffinityPolicy` and `nodeTaintsPolicy`; a StatefulSet's `podManagementPolicy` and PVC retention
            policy; a Service's `type`, `sessionAffinity`, `externalTrafficPolicy`, `internalTrafficPolicy`,
            `ipFamilyPolicy` and port `protocol`; a Job's `completionMode`; a CronJob's `concurrencyPolicy`; a
            PersistentVolumeClaim's `accessModes` and `volumeMode`. Values are case-sensitive: a case slip gets a
            suggestion.

            ## Why is this bad?
            The API server rejects the object ("Unsupported value: \"always\": supported values: \"Always\", …").

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  imagePullPolicy: ifNotPresent
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  imagePullPolicy: IfNotPresent
            ```

            ## Known problems
            An empty value is not flagged: the API server fills in the default. In a StatefulSet's pod template
            only `restartPolicy` is checked at creation; ML8120 reports it there and ML8199 the rest.
            """);

    private protected override void CheckObject(RuleContext context)
    {
        var resource = context.Resource;
        if (!ApiObjects.IsBuiltIn(resource) || resource.Spec is not { } spec)
            return;
        switch (resource.Kind)
        {
            case "StatefulSet":
                Check(context, spec, "podManagementPolicy", AllowedValues.PodManagementPolicies);
                var retention = spec.Mapping("persistentVolumeClaimRetentionPolicy");
                Check(context, retention, "whenDeleted", AllowedValues.RetentionPolicies);
                Check(context, retention, "whenScaled", AllowedValues.RetentionPolicies);
                foreach (var claim in ApiObjects.Items(spec.Sequence("volumeClaimTemplates")))
                    CheckClaim(context, claim.Mapping("spec"));
                break;
            case "PersistentVolumeClaim":
                CheckClaim(context, spec);
                break;
            case "Service":
                Check(context, spec, "type", AllowedValues.ServiceTypes);
                Check(context, spec, "sessionAffinity", AllowedValues.SessionAffinities);
                Check(context, spec, "externalTrafficPolicy", AllowedValues.TrafficPolicies);
                Check(context, spec, "internalTrafficPolicy", AllowedValues.TrafficPolicies);
                Check(context, spec, "ipFamilyPolicy", AllowedValues.IpFamilyPolicies);
                foreach (var port in ApiObjects.Items(spec.Sequence("ports")))
                    Check(context, port, "protocol", AllowedValues.Protocols);
                break;
            case "Job":
                Check(context, spec, "completionMode", AllowedValues.CompletionModes);
                break;
            case "CronJob":
                Check(context, spec, "concurrencyPolicy", AllowedValues.ConcurrencyPolicies);
                Check(context, spec.Mapping("jobTemplate")?.Mapping("spec"), "completionMode", AllowedValues.CompletionModes);
                break;
        }
    }

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        var pod = check.PodSpec.Node;
        // A StatefulSet's restartPolicy is validated at creation even though the rest is not: ML8120 reports it.
        if (check.PodSpec.IsValidatedByApiServer)
            Check(check, pod, "restartPolicy", AllowedValues.RestartPolicies);
        Check(check, pod, "dnsPolicy", AllowedValues.DnsPolicies);
        Check(check, pod, "preemptionPolicy", AllowedValues.PreemptionPolicies);
        foreach (var constraint in ApiObjects.Items(pod.Sequence("topologySpreadConstraints")))
        {
            Check(check, constraint, "whenUnsatisfiable", AllowedValues.WhenUnsatisfiable);
            Check(check, constraint, "nodeAffinityPolicy", AllowedValues.InclusionPolicies);
            Check(check, constraint, "nodeTaintsPolicy", AllowedValues.InclusionPolicies);
        }

        foreach (var container in check.PodSpec.Containers())
        {
            var node = container.Node;
            Check(check, node, "imagePullPolicy", AllowedValues.PullPolicies);
            Check(check, node, "terminationMessagePolicy", AllowedValues.TerminationMessagePolicies);
            if (container.Kind == ContainerKind.InitContainer)
                Check(check, node, "restartPolicy", AllowedValues.InitContainerRestartPolicies);
            foreach (var port in ApiObjects.Items(node.Sequence("ports")))
                Check(check, port, "protocol", AllowedValues.Protocols);
            foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
                Check(check, node.Mapping(probe)?.Mapping("httpGet"), "scheme", AllowedValues.HttpSchemes);
        }
    }

    private static void CheckClaim(RuleContext context, ManifestMapping? claimSpec)
    {
        Check(context, claimSpec, "volumeMode", AllowedValues.VolumeModes);
        foreach (var mode in claimSpec?.Sequence("accessModes")?.Items ?? [])
        {
            if (AllowedValues.Problem(mode, AllowedValues.AccessModes) is { } problem)
                context.Report(mode, $"{mode.PathFrom(context.Resource.Root)} {problem}; {ApiObjects.Rejection(context)}", AllowedValues.Fix(mode, AllowedValues.AccessModes));
        }
    }

    private static void Check(RuleContext context, ManifestMapping? mapping, string field, string[] allowed)
    {
        if (mapping?[field] is { } value && AllowedValues.Problem(value, allowed) is { } problem)
            context.Report(value, $"{value.PathFrom(context.Resource.Root)} {problem}; {ApiObjects.Rejection(context)}", AllowedValues.Fix(value, allowed));
    }

    private static void Check(PodSpecCheck check, ManifestMapping? mapping, string field, string[] allowed)
    {
        if (mapping?[field] is { } value && AllowedValues.Problem(value, allowed) is { } problem)
            check.Report(value, $"{check.Path(value)} {problem}", AllowedValues.Fix(value, allowed));
    }
}
