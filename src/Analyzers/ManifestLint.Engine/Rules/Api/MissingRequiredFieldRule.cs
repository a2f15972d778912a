using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Rules.Api;

public sealed class MissingRequiredFieldRule : PodSpecRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8110", Name: "missing-required-field", Title: "A field the API server requires is missing or empty",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a required field that is absent, null or empty: the `template` of a Deployment, ReplicaSet,
            DaemonSet, StatefulSet or Job; a CronJob's `schedule` and `jobTemplate` (and its `template`); a pod's
            `containers`; a container's `name`; a container port's `containerPort`; an environment variable's
            `name`; a volume's `name`; a volume mount's `name` and `mountPath`; a Service's `ports` (unless it is
            headless or of type ExternalName) and an ExternalName Service's `externalName`.

            ## Why is this bad?
            The API server rejects the object ("Required value"). A missing field is usually a mis-indented one:
            `containerPort` written one level too deep, `containers` under the template instead of its `spec`.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  ports:
                    - name: http
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
                  ports:
                    - name: http
                      containerPort: 80
            ```

            ## Known problems
            A missing `image` is ML4001's finding and a missing workload `selector` ML5005's. In a StatefulSet's pod
            template the pod-level fields are reported by ML8199.
            """);

    private protected override void CheckObject(RuleContext context)
    {
        var resource = context.Resource;
        if (!ApiObjects.IsBuiltIn(resource) || resource.Spec is not { } spec)
            return;
        switch (resource.Kind)
        {
            case "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet" or "Job":
                RequireMapping(context, spec, "template");
                break;
            case "Service":
                if (ServicePorts.From(resource) is { } service && !service.MayHaveNoPorts && service.Ports is null or { Items.Count: 0 } && spec["ports"] is not (ManifestMapping or ManifestScalar { IsNull: false }))
                    Report(context, spec, "ports", "a Service needs at least one port unless it is headless (clusterIP: None) or of type ExternalName");
                if (ServicePorts.From(resource) is { Type: "ExternalName" } && IsMissing(spec["externalName"]))
                    Report(context, spec, "externalName", "a Service of type ExternalName needs it");
                break;
            case "CronJob":
                if (IsMissing(spec["schedule"]))
                    Report(context, spec, "schedule");
                if (RequireMapping(context, spec, "jobTemplate") && spec.Mapping("jobTemplate")?.Mapping("spec") is { } jobSpec)
                    RequireMapping(context, jobSpec, "template");
                break;
        }
    }

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        var pod = check.PodSpec.Node;
        if (pod["containers"] is null or ManifestScalar { IsNull: true } or ManifestSequence { Items.Count: 0 })
            check.Report(pod.KeyNode("containers") ?? check.SpecAnchor, $"{check.Path(pod)} has no containers; at least one is required");
        foreach (var volume in ApiObjects.Items(pod.Sequence("volumes")))
            Require(check, volume, "name", "volume");
        foreach (var container in check.PodSpec.Containers())
        {
            var node = container.Node;
            Require(check, node, "name", container.Kind switch
            {
                Model.ContainerKind.InitContainer => "init container",
                Model.ContainerKind.EphemeralContainer => "ephemeral container",
                _ => "container",
            });
            foreach (var port in ApiObjects.Items(node.Sequence("ports")))
                Require(check, port, "containerPort", "port");
            foreach (var variable in ApiObjects.Items(node.Sequence("env")))
                Require(check, variable, "name", "environment variable");
            foreach (var mount in ApiObjects.Items(node.Sequence("volumeMounts")))
            {
                Require(check, mount, "name", "volume mount");
                Require(check, mount, "mountPath", "volume mount");
            }
        }
    }

    // Absent, null or an empty string; a value of another type is the schema check's finding.
    private static bool IsMissing(ManifestNode? value) => value is null or ManifestScalar { IsNull: true } or ManifestScalar { Value.Length: 0 };

    private static void Require(PodSpecCheck check, ManifestMapping owner, string field, string what)
    {
        if (IsMissing(owner[field]))
            check.Report((ManifestNode?)owner.KeyNode(field) ?? owner, $"{check.Path(owner)}.{field} is required: the {what} has none");
    }

    /// <summary>Reports a missing or null mapping; true when a mapping (or a value of another type) is there.</summary>
    private static bool RequireMapping(RuleContext context, ManifestMapping owner, string field)
    {
        if (owner[field] is not (null or ManifestScalar { IsNull: true }))
            return true;
        Report(context, owner, field);
        return false;
    }

    private static void Report(RuleContext context, ManifestMapping owner, string field, string? why = null)
    {
        var path = owner.PathFrom(context.Resource.Root);
        var at = (ManifestNode?)owner.KeyNode(field) ?? ApiObjects.KeyOf(owner);
        var state = !owner.ContainsKey(field) ? "missing" : owner[field] is ManifestScalar { IsNull: true } ? "null" : "empty";
        context.Report(at, $"{(path.Length > 0 ? path + "." : "")}{field} is required but {state}{(why is null ? "" : ": " + why)}; {ApiObjects.Rejection(context)}");
    }
}
