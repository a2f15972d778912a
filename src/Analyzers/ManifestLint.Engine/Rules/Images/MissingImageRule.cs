using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Rules.Images;

public sealed class MissingImageRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML4001", Name: "missing-image", Title: "A container has no image",
        Category: RuleCategory.Images, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a container, init container or ephemeral container whose `image` is missing, null, empty or only
            whitespace.

            ## Why is this bad?
            `image` is required: the API server rejects the Pod or the workload ("spec.containers[0].image:
            Required value"). A StatefulSet is the exception: its pod template is not validated, so it is stored and
            then every pod it tries to create is rejected; the rollout never completes. A blank image is accepted in
            templates but no pod can be made from it.

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
                      ports: [{containerPort: 8080}]
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
                      ports: [{containerPort: 8080}]
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var container in context.Containers())
        {
            var node = container.ImageNode;
            string problem;
            if (node is null)
                problem = "has no image";
            else if (node is ManifestScalar { IsNull: true })
                problem = "has a null image";
            else if (node is ManifestScalar { Value.Length: 0 })
                problem = "has an empty image";
            else if (node is ManifestScalar scalar && scalar.Value.Trim().Length == 0)
                problem = "has an image of only whitespace";
            else
                continue;

            // A null value has no text to point at: point at its key.
            var at = node switch
            {
                null => container.Anchor,
                ManifestScalar { IsNull: true } => container.Node.KeyNode("image")!,
                _ => node,
            };
            var consequence = node is null || node is ManifestScalar { IsNull: true } || node is ManifestScalar { Value.Length: 0 }
                ? context.PodSpec!.Rejection
                : BlankConsequence(context);
            context.Report(at, $"{container.Describe()} {problem}; {consequence}");
        }
    }

    /// <summary>A whitespace-only image passes the Required check; only Pod validation's whitespace check refuses it.</summary>
    private static string BlankConsequence(RuleContext context) =>
        context.PodSpec!.IsPod ? "the API server rejects the Pod" : $"the {context.Resource.Kind} is accepted but its pods are rejected";
}
