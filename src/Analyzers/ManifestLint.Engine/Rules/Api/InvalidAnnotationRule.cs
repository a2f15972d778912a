using System.Text;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidAnnotationRule : Rule
{
    // ValidateAnnotationsSize: keys and values together.
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8104", Name: "invalid-annotation", Title: "An annotation key is not a qualified name, or the annotations are too large",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags an annotation key in `metadata.annotations` of any object or of the templates inside it that is
            not a qualified name (an optional lowercase DNS-subdomain prefix and `/`, then at most 63 letters,
            digits, `-`, `_` and `.`, starting and ending with a letter or digit), and annotations whose keys and
            values together exceed 256 KiB. Values may hold any text.

            ## Why is this bad?
            The API server rejects the object. A space or a second `/` in the key is the usual slip.

            ## Example
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              annotations: {"example.com/owner team": payments}
            data: {mode: live}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              annotations: {example.com/owner-team: payments}
            data: {mode: live}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var metadata in ApiObjects.MetadataBlocks(context.Resource))
        {
            if (metadata.Mapping("annotations") is not { } annotations)
                continue;
            var path = annotations.PathFrom(context.Resource.Root);
            long size = 0;
            foreach (var entry in annotations.Entries)
            {
                // Keys are compared lowercased, so upper-case prefixes pass.
                if (NameSyntax.QualifiedNameProblem(entry.Key.Value.ToLowerInvariant()) is { } problem)
                    context.Report(entry.Key, $"{path} has the key '{entry.Key.Value}', which is not a qualified name: {problem}; {ApiObjects.Rejection(context)}");
                size += Encoding.UTF8.GetByteCount(entry.Key.Value) + Encoding.UTF8.GetByteCount(ApiObjects.Text(entry.Value) ?? "");
            }

            if (size > TotalAnnotationSizeLimit)
                context.Report(metadata.KeyNode("annotations")!, $"{path} hold {size} bytes; the API server allows at most {TotalAnnotationSizeLimit} and rejects the {context.Resource.Kind}");
        }
    }
}
