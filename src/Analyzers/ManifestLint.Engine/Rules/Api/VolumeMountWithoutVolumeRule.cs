using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class VolumeMountWithoutVolumeRule : PodSpecRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8125", Name: "volume-mount-without-volume", Title: "A volume mount names no volume of the pod",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a container's `volumeMounts` (or `volumeDevices`) entry whose `name` is not the name of a volume
            in the pod's `volumes`; in a StatefulSet the names of its `volumeClaimTemplates` count as volumes too.
            A near miss in spelling gets a suggestion.

            ## Why is this bad?
            The API server rejects the object ("Not found: \"config\""). The volume was usually renamed, or
            dropped from a patch, while the mount stayed.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              volumes:
                - {name: web-config, configMap: {name: web}}
              containers:
                - name: web
                  image: nginx:1.27.2
                  volumeMounts: [{name: config, mountPath: /etc/web}]
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              volumes:
                - {name: web-config, configMap: {name: web}}
              containers:
                - name: web
                  image: nginx:1.27.2
                  volumeMounts: [{name: web-config, mountPath: /etc/web}]
            ```
            """);

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        var volumes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in ApiObjects.Items(check.PodSpec.Node.Sequence("volumes")))
        {
            if (ApiObjects.Text(volume["name"]) is { } name)
                volumes.Add(name);
        }

        // A StatefulSet adds a volume per claim template to each pod it creates.
        if (check.Context.Resource.Kind == "StatefulSet")
        {
            foreach (var claim in ApiObjects.Items(check.Context.Resource.Spec?.Sequence("volumeClaimTemplates")))
            {
                if (ApiObjects.Text(claim.Mapping("metadata")?["name"]) is { } name)
                    volumes.Add(name);
            }
        }

        foreach (var container in check.PodSpec.Containers())
        {
            foreach (var field in new[] { "volumeMounts", "volumeDevices" })
            {
                foreach (var mount in ApiObjects.Items(container.Node.Sequence(field)))
                {
                    // A missing name is ML8110's finding.
                    if (mount["name"] is not { } nameNode || ApiObjects.Text(nameNode) is not { Length: > 0 } name || volumes.Contains(name))
                        continue;
                    var hint = Spelling.Closest(name, volumes) is { } closest && closest.Distance <= Math.Max(2, name.Length / 3)
                        ? $" (did you mean '{closest.Candidate}'?)"
                        : volumes.Count == 0 ? "; the pod has no volumes" : "";
                    check.Report(nameNode, $"{check.Path(nameNode)} '{name}' names no volume of the pod{hint}");
                }
            }
        }
    }
}
