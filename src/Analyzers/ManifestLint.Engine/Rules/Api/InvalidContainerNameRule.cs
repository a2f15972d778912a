using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidContainerNameRule : PodSpecRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8121", Name: "invalid-container-name", Title: "A container name is not a DNS label or is used twice",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a container, init container or ephemeral container whose `name` is not a DNS label (at most 63
            characters of `a-z`, `0-9` and `-`, starting and ending with a letter or digit), and a name used by
            two containers of the same pod (init, regular and ephemeral containers share one set of names).

            ## Why is this bad?
            The API server rejects the object ("Duplicate value", "a lowercase RFC 1123 label must consist of …").

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              initContainers:
                - {name: web, image: "busybox:1.36"}
              containers:
                - {name: web, image: "nginx:1.27.2"}
                - {name: log_shipper, image: "fluent/fluent-bit:3.1"}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              initContainers:
                - {name: init, image: "busybox:1.36"}
              containers:
                - {name: web, image: "nginx:1.27.2"}
                - {name: log-shipper, image: "fluent/fluent-bit:3.1"}
            ```
            """);

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in check.PodSpec.Containers())
        {
            if (container.Node["name"] is not { } nameNode || ApiObjects.Text(nameNode) is not { Length: > 0 } name)
                continue;
            if (NameSyntax.DnsLabelProblem(name) is { } problem)
                check.Report(nameNode, $"{check.Path(nameNode)} is invalid: {problem}");
            else if (!seen.Add(name))
                check.Report(nameNode, $"{check.Path(nameNode)} '{name}' is already the name of another container in this pod");
        }
    }
}
