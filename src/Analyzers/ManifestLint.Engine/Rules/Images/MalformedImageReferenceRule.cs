namespace ManifestLint.Engine.Rules.Images;

public sealed class MalformedImageReferenceRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML4002", Name: "malformed-image-reference", Title: "The image is not a valid image reference",
        Category: RuleCategory.Images, Level: RuleLevel.Error, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Parses every container image with the grammar and normalisation the kubelet uses (distribution/reference
            plus its digest checks) and flags references it refuses, saying why: an upper-case repository path, an
            empty or over-long tag (more than 128 characters), characters or separators a path may not contain
            (`a___b`, `a..b`, a leading `-`), a URL scheme, an invalid registry host or port, a digest whose algorithm
            is unknown or whose hex part has the wrong length or case (`sha256` needs exactly 64 lowercase hex
            digits), a repository path over 255 characters, or a bare 64-character image ID. Upper case is fine in the
            registry host (`Registry.Example.com/team/app`).

            ## Why is this bad?
            The API server does not parse image references, so the object is accepted; then the kubelet refuses the
            image with `InvalidImageName`, no pod of the rollout ever starts, and the rollout never completes.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: billing}
            spec:
              selector: {matchLabels: {app: billing}}
              template:
                metadata: {labels: {app: billing}}
                spec:
                  containers:
                    - name: billing
                      image: "registry.example.com/Payments/Billing:2.3.0"
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: billing}
            spec:
              selector: {matchLabels: {app: billing}}
              template:
                metadata: {labels: {app: billing}}
                spec:
                  containers:
                    - name: billing
                      image: "registry.example.com/payments/billing:2.3.0"
            ```

            ## References
            - [distribution/reference grammar](https://github.com/distribution/reference/blob/main/reference.go)
            """);

    public override void Check(RuleContext context)
    {
        foreach (var image in ImageChecks.Images(context))
        {
            if (image.Reference.Problem is not { } problem)
                continue;
            var text = image.Node.Value;
            var placeholder = text.IndexOf('$') >= 0 || text.IndexOf('{') >= 0 || text.IndexOf('<') >= 0
                ? " (it looks like a placeholder that was never filled in)"
                : "";
            context.Report(image.Node, $"image {image.Quoted} of {image.Container.Describe()} is not a valid reference{placeholder}: {problem}; the kubelet refuses it with InvalidImageName");
        }
    }
}
