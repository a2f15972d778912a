using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidEnvVarRule : PodSpecRule
{
    private static readonly string[] ValueSources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"];

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8123", Name: "invalid-env-var", Title: "An environment variable has an invalid name or conflicting sources",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a container's `env` entry whose `name` holds a character other than printable ASCII or holds `=`,
            that sets both a non-empty `value` and `valueFrom`, or whose `valueFrom` names more than one source.

            ## Why is this bad?
            The API server rejects the object ("may not be specified when `value` is not empty", "may not have more
            than one field specified at a time").

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  env:
                    - name: DB_PASSWORD
                      value: changeme
                      valueFrom: {secretKeyRef: {name: db, key: password}}
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
                  env:
                    - name: DB_PASSWORD
                      valueFrom: {secretKeyRef: {name: db, key: password}}
            ```
            """);

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        foreach (var container in check.PodSpec.Containers())
        {
            foreach (var variable in ApiObjects.Items(container.Node.Sequence("env")))
            {
                // A missing name is ML8110's finding.
                if (variable["name"] is { } nameNode && ApiObjects.Text(nameNode) is { Length: > 0 } name && NameSyntax.EnvVarNameProblem(name) is { } problem)
                    check.Report(nameNode, $"{check.Path(nameNode)} '{name}' is not a valid environment variable name: {problem}");
                if (variable.Mapping("valueFrom") is not { } valueFrom)
                    continue;
                if (ApiObjects.Text(variable["value"]) is { Length: > 0 })
                    check.Report(variable.KeyNode("valueFrom")!, $"{check.Path(variable)} sets both value and valueFrom; valueFrom may not be used beside a non-empty value");
                var sources = valueFrom.Entries
                    .Where(entry => ValueSources.Contains(entry.Key.Value, StringComparer.Ordinal) && entry.Value is not ManifestScalar { IsNull: true })
                    .ToArray();
                for (var index = 1; index < sources.Length; index++)
                    check.Report(sources[index].Key, $"{check.Path(valueFrom)} sets {sources[index].Key.Value} beside {sources[0].Key.Value}; it takes exactly one source");
            }
        }
    }
}
