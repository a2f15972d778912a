using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidLabelRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8103", Name: "invalid-label", Title: "A label key or value breaks the label syntax",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags labels in `metadata.labels` of any object and of the pod and job templates inside it whose key is
            not a qualified name (an optional lowercase DNS-subdomain prefix of at most 253 characters and `/`,
            then a name of at most 63 letters, digits, `-`, `_` and `.` that starts and ends with a letter or digit),
            or whose value is not empty or at most 63 characters of that same alphabet.

            ## Why is this bad?
            The API server rejects the object. Spaces, `:` and values longer than 63 characters (a commit message,
            a full image reference) are the usual causes; such text belongs in an annotation.

            ## Example
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {app: web, release: "web:2.1.0"}
            data: {mode: live}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {app: web, release: web-2.1.0}
            data: {mode: live}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var metadata in ApiObjects.MetadataBlocks(context.Resource))
        {
            if (metadata.Mapping("labels") is { } labels)
                CheckLabels(context, labels, "label");
        }
    }

    /// <summary>Checks a label map (<c>metadata.labels</c>, or a Service's selector); values of another type are left to the schema check.</summary>
    internal static void CheckLabels(RuleContext context, ManifestMapping labels, string what)
    {
        var path = labels.PathFrom(context.Resource.Root);
        foreach (var entry in labels.Entries)
        {
            if (NameSyntax.QualifiedNameProblem(entry.Key.Value) is { } keyProblem)
                context.Report(entry.Key, $"{path} has the {what} key '{entry.Key.Value}', which is not a qualified name: {keyProblem}; {ApiObjects.Rejection(context)}");
            if (ApiObjects.Text(entry.Value) is { } value && NameSyntax.LabelValueProblem(value) is { } valueProblem)
                context.Report(entry.Value, $"{path}.{entry.Key.Value} has the {what} value '{value}', which is not a valid label value: {valueProblem}; {ApiObjects.Rejection(context)}");
        }
    }
}
