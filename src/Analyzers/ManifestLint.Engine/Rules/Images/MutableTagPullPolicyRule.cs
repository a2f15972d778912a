namespace ManifestLint.Engine.Rules.Images;

public sealed class MutableTagPullPolicyRule : Rule
{
    public static RuleDescriptor Definition { get; } = new(
        Id: "ML4006", Name: "mutable-tag-pull-policy", Title: "A mutable tag is combined with imagePullPolicy IfNotPresent or Never",
        Category: RuleCategory.Images, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a container whose image has a mutable tag and that sets `imagePullPolicy: IfNotPresent` or
            `Never`. A tag counts as mutable when it is `latest` (written or implicit) or a conventional floating
            channel name (any case): `stable`, `edge`, `nightly`, `canary`, `beta`, `alpha`, `unstable`, `testing`,
            `next`, `current`, `lts`, `mainline`, `main`, `master`, `trunk`, `head`, `dev`, `develop`, `development`,
            `snapshot`, `rolling`, or when it starts with `latest-` or ends with `-latest`, `-nightly` or `-snapshot`.
            An image with a digest is never mutable. ML4004 and ML4005 stay quiet on images this rule reports.

            ## Why is this bad?
            With `IfNotPresent` a node that already has the tag keeps running its old copy, and with `Never` it never
            fetches a new one: nodes drift apart, and a rollout that should ship new code restarts the old code on
            some nodes.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: node-exporter}
            spec:
              selector: {matchLabels: {app: node-exporter}}
              template:
                metadata: {labels: {app: node-exporter}}
                spec:
                  containers:
                    - name: exporter
                      image: "registry.example.com/node-exporter:stable"
                      imagePullPolicy: IfNotPresent
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: node-exporter}
            spec:
              selector: {matchLabels: {app: node-exporter}}
              template:
                metadata: {labels: {app: node-exporter}}
                spec:
                  containers:
                    - name: exporter
                      image: "registry.example.com/node-exporter:1.8.2"
                      imagePullPolicy: IfNotPresent
            ```

            ## Known problems
            Version tags that float, such as `nginx:1.27`, are not treated as mutable: many registries keep them
            stable enough, and flagging them would be noisy. Pin by digest (ML4007) to be strict.
            """);

    public override RuleDescriptor Descriptor => Definition;

    public override void Check(RuleContext context)
    {
        foreach (var image in ImageChecks.Images(context))
        {
            if (image.CachingPullPolicy is not { } policy || ImageChecks.MutableTag(image.Reference) is not { } mutable)
                continue;
            var consequence = policy.Value == "Never"
                ? "nodes never fetch a newer image under that tag"
                : "nodes that already have that tag keep running their old copy";
            context.Report(image.Node, $"image {image.Quoted} of {image.Container.Describe()} uses {mutable} with imagePullPolicy {policy.Value}; {consequence}");
        }
    }
}
