using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidNamespaceNameRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8102", Name: "invalid-namespace-name", Title: "metadata.namespace is not a DNS label",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a `metadata.namespace` that is not a DNS label: at most 63 characters of `a-z`, `0-9` and `-`,
            starting and ending with a letter or digit.

            ## Why is this bad?
            No namespace can have such a name, so the API server rejects the object.

            ## Example
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: Payments}
            data: {mode: live}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: payments}
            data: {mode: live}
            ```
            """);

    public override void Check(RuleContext context)
    {
        if (context.Resource.Metadata?["namespace"] is ManifestScalar { IsNull: false, IsString: true, Value.Length: > 0 } ns &&
            NameSyntax.DnsLabelProblem(ns.Value) is { } problem)
            context.Report(ns, $"metadata.namespace is invalid: {problem}; {ApiObjects.Rejection(context)}");
    }
}
