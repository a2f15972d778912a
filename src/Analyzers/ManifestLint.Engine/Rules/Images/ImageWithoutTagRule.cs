namespace ManifestLint.Engine.Rules.Images;

public sealed class ImageWithoutTagRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML4004", Name: "image-without-tag", Title: "The image has neither tag nor digest (implicit :latest)",
        Category: RuleCategory.Images, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags an image with neither a tag nor a digest, which the kubelet pulls as `:latest`. It reads the
            reference like the kubelet does: in `registry.example.com:5000/app` the `:5000` is the registry's port,
            not a tag, so that image has no tag either.

            ## Why is this bad?
            `latest` moves: two nodes can run different code under the same manifest, a rollback re-deploys whatever
            `latest` is today, and `imagePullPolicy` silently defaults to `Always`, so every pod start depends on the
            registry. When the container also sets `imagePullPolicy: IfNotPresent` or `Never`, ML4006 reports the
            image instead.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cache}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  containers:
                    - name: cache
                      image: "registry.example.com:5000/platform/cache"
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cache}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  containers:
                    - name: cache
                      image: "registry.example.com:5000/platform/cache:7.2.4"
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var image in ImageChecks.Images(context))
        {
            var reference = image.Reference;
            if (!reference.IsImplicitLatest || ImageChecks.ReportedAsStaleMutableTag(context, image))
                continue;
            var port = PortOf(reference.Domain!);
            var hint = port is null ? "" : $" (':{port}' is the registry's port, not a tag)";
            context.Report(image.Node, $"image {image.Quoted} of {image.Container.Describe()} has no tag or digest{hint}, so the kubelet pulls {reference.Name}:latest");
        }
    }

    private static string? PortOf(string domain)
    {
        var colon = domain.LastIndexOf(':');
        return colon < 0 || colon < domain.LastIndexOf(']') ? null : domain.Substring(colon + 1);
    }
}
