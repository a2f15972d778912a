using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidVolumeNameRule : PodSpecRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8124", Name: "invalid-volume-name", Title: "A volume name is not a DNS label or is used twice",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a pod volume whose `name` is not a DNS label (at most 63 characters of `a-z`, `0-9` and `-`,
            starting and ending with a letter or digit) or is the name of an earlier volume of the same pod.

            ## Why is this bad?
            The API server rejects the object ("Duplicate value"). Two volumes of one name usually come from a
            merge of two lists, and mounts could not tell them apart.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              volumes:
                - {name: config, configMap: {name: web}}
                - {name: config, secret: {secretName: web-tls}}
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
                - {name: config, configMap: {name: web}}
                - {name: tls, secret: {secretName: web-tls}}
              containers:
                - name: web
                  image: nginx:1.27.2
                  volumeMounts: [{name: config, mountPath: /etc/web}, {name: tls, mountPath: /etc/tls}]
            ```
            """);

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in ApiObjects.Items(check.PodSpec.Node.Sequence("volumes")))
        {
            if (volume["name"] is not { } nameNode || ApiObjects.Text(nameNode) is not { Length: > 0 } name)
                continue;
            if (NameSyntax.DnsLabelProblem(name) is { } problem)
                check.Report(nameNode, $"{check.Path(nameNode)} is invalid: {problem}");
            else if (!seen.Add(name))
                check.Report(nameNode, $"{check.Path(nameNode)} '{name}' is already the name of another volume of this pod");
        }
    }
}
