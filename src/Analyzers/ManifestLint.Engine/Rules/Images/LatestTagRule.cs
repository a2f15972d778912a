namespace ManifestLint.Engine.Rules.Images;

public sealed class LatestTagRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML4005", Name: "latest-tag", Title: "The image uses the :latest tag",
        Category: RuleCategory.Images, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags an image whose tag is explicitly `latest` (any image without a digest; with a digest, the digest
            decides what is pulled).

            ## Why is this bad?
            `latest` moves: two nodes can run different code under the same manifest, a rollback re-deploys whatever
            `latest` is today, and nothing in the manifest changes when the code does, so no rollout is triggered.
            When the container also sets `imagePullPolicy: IfNotPresent` or `Never`, ML4006 reports the image
            instead.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web-deploy}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: nginx
                      image: "nginx:latest"
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web-deploy}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: nginx
                      image: "nginx:1.27.2"
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var image in ImageChecks.Images(context))
        {
            var reference = image.Reference;
            if (reference is not { IsValid: true, Tag: "latest", Digest: null } || ImageChecks.ReportedAsStaleMutableTag(context, image))
                continue;
            context.Report(image.Node, $"image {image.Quoted} of {image.Container.Describe()} uses the tag latest, which points at whatever was pushed last");
        }
    }
}
