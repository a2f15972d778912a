namespace ManifestLint.Engine.Rules.Images;

public sealed class ImageWithoutDigestRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML4007", Name: "image-without-digest", Title: "The image is not pinned by digest",
        Category: RuleCategory.Images, Level: RuleLevel.Off, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags every valid image reference without a `@sha256:…` digest. Off by default: switch it on
            (`ML4007: warning` in `.manifestlint.yaml`) where every image must be immutable.

            ## Why is this bad?
            A tag is a pointer that can be moved to different content; only a digest names exactly one image. With
            digests, every node runs the same bytes, a rollback restores exactly what ran before, and a compromised
            registry cannot swap the image under an existing tag.

            ## Example
            ```yaml
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: backup}
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                        - name: backup
                          image: "registry.example.com/backup:1.9.0"
            ```

            Use instead:
            ```yaml
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: backup}
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                        - name: backup
                          image: "registry.example.com/backup:1.9.0@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var image in ImageChecks.Images(context))
        {
            if (image.Reference is { IsValid: true, Digest: null } reference)
                context.Report(image.Node, $"image {image.Quoted} of {image.Container.Describe()} is not pinned by digest; the kubelet pulls whatever {reference.Name}:{reference.EffectiveTag} points at");
        }
    }
}
