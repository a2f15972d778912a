namespace ManifestLint.Engine.Rules.Images;

public sealed class ImageWhitespaceRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML4003", Name: "image-whitespace", Title: "The image has leading or trailing whitespace",
        Category: RuleCategory.Images, Level: RuleLevel.Error, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags an image with leading or trailing whitespace, such as `" nginx:1.27.2"` or a block scalar
            (`image: |`) that keeps its final newline.

            ## Why is this bad?
            The API server rejects it in a Pod ("must not have leading or trailing whitespace"), but deliberately
            accepts it in pod templates for backwards compatibility: a Deployment, DaemonSet, StatefulSet or Job with
            such an image is stored, and then every pod it tries to create is rejected, so the rollout never
            completes.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: " registry.example.com/web:3.2.1"
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: "registry.example.com/web:3.2.1"
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var image in ImageChecks.Images(context))
        {
            var text = image.Node.Value;
            var leading = char.IsWhiteSpace(text[0]);
            var trailing = char.IsWhiteSpace(text[text.Length - 1]);
            if (!leading && !trailing)
                continue;
            var where = leading && trailing ? "leading and trailing" : leading ? "leading" : "trailing";
            var consequence = context.PodSpec!.IsPod
                ? "the API server rejects the Pod"
                : $"the {context.Resource.Kind} is accepted but its pods are rejected";
            context.Report(image.Node, $"image '{Visible(text)}' of {image.Container.Describe()} has {where} whitespace; {consequence}");
        }
    }

    /// <summary>Shows a newline or tab from a block scalar instead of breaking the message.</summary>
    private static string Visible(string text) => text.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
}
