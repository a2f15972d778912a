using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidContainerPortRule : PodSpecRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8122", Name: "invalid-container-port", Title: "A container port number or name is invalid",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a container's `ports` entry whose `containerPort` (or a non-zero `hostPort`) is outside 1–65535,
            whose `name` is not an IANA service name (at most 15 characters of `a-z`, `0-9` and `-`, at least one
            letter, no `-` at either end and no `--`), or whose name another port of the same container already uses.

            ## Why is this bad?
            The API server rejects the object ("must be between 1 and 65535, inclusive", "must be no more than 15
            characters"). Probes and Services refer to ports by these names, so they must be unique per container.

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
                    - {name: http-admin-console, containerPort: 80800}
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
                    - {name: http-mgmt, containerPort: 8080}
            ```
            """);

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        foreach (var container in check.PodSpec.Containers())
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var port in ApiObjects.Items(container.Node.Sequence("ports")))
            {
                // containerPort missing or null is ML8110's finding.
                if (port["containerPort"] is { } containerPort && ApiObjects.Integer(containerPort) is { } number && !NameSyntax.IsPortNumber(number))
                    check.Report(containerPort, $"{check.Path(containerPort)} is {number}; it must be between 1 and 65535");
                if (port["hostPort"] is { } hostPort && ApiObjects.Integer(hostPort) is { } host && host != 0 && !NameSyntax.IsPortNumber(host))
                    check.Report(hostPort, $"{check.Path(hostPort)} is {host}; it must be between 1 and 65535, or 0 for none");
                if (port["name"] is not { } nameNode || ApiObjects.Text(nameNode) is not { Length: > 0 } name)
                    continue;
                if (NameSyntax.PortNameProblem(name) is { } problem)
                    check.Report(nameNode, $"{check.Path(nameNode)} '{name}' is not a valid port name: {problem}");
                else if (!names.Add(name))
                    check.Report(nameNode, $"{check.Path(nameNode)} '{name}' is already the name of another port of {container.Describe()}");
            }
        }
    }
}
