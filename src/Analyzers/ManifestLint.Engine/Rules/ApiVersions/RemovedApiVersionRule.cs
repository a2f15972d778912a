namespace ManifestLint.Engine.Rules.ApiVersions;

public sealed class RemovedApiVersionRule : Rule
{
    /// <summary>An apiVersion/kind pair the API server no longer serves from <paramref name="RemovedIn"/> on.</summary>
    /// <param name="ReplacementRemovedIn">When the replacement itself is gone too (PodSecurityPolicy), there is none left.</param>
    private sealed record Removal(KubernetesVersion RemovedIn, string? Replacement, string? Note = null, KubernetesVersion? ReplacementRemovedIn = null);

    private const string PodSecurityNote = "Pod Security Admission (pod-security.kubernetes.io labels on namespaces) takes its place";

    private static readonly KubernetesVersion V116 = new(1, 16);
    private static readonly KubernetesVersion V122 = new(1, 22);
    private static readonly KubernetesVersion V125 = new(1, 25);
    private static readonly KubernetesVersion V126 = new(1, 26);

    // From the Kubernetes deprecated API migration guide.
    private static readonly Dictionary<(string ApiVersion, string Kind), Removal> Removals = Build();

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML7001", Name: "removed-api-version", Title: "The apiVersion is no longer served by the target Kubernetes version",
        Category: RuleCategory.ApiVersions, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags an `apiVersion` that the target Kubernetes version (`kubernetesVersion` in `.manifestlint.yaml`,
            default the newest) no longer serves for the object's kind, and names the replacement: workloads in
            `extensions/v1beta1`, `apps/v1beta1` and `apps/v1beta2` (removed in 1.16, use `apps/v1`), Ingress in
            `extensions/v1beta1` or `networking.k8s.io/v1beta1` (removed in 1.22), CronJob `batch/v1beta1`,
            PodDisruptionBudget `policy/v1beta1`, HorizontalPodAutoscaler `autoscaling/v2beta1` (removed in 1.25),
            `autoscaling/v2beta2` (removed in 1.26), and PodSecurityPolicy (removed in 1.25 without a replacement).

            ## Why is this bad?
            The API server answers "no matches for kind" and `kubectl apply` fails; nothing in the file is created.

            ## Example
            ```yaml
            apiVersion: extensions/v1beta1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe: {httpGet: {path: /, port: 80}}
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe: {httpGet: {path: /, port: 80}}
            ```

            ## Known problems
            Only the well-known removals above are listed; custom resources are not checked. A version that is
            deprecated but still served by the target version is not reported.

            ## References
            - https://kubernetes.io/docs/reference/using-api/deprecation-guide/
            """);

    public override void Check(RuleContext context)
    {
        var resource = context.Resource;
        if (!Removals.TryGetValue((resource.ApiVersion, resource.Kind), out var removal) || context.KubernetesVersion < removal.RemovedIn)
            return;

        var served = $"{resource.Kind} {resource.ApiVersion} is not served since Kubernetes {removal.RemovedIn}";
        var replacementGone = context.KubernetesVersion >= removal.ReplacementRemovedIn;
        if (removal.Replacement is null || replacementGone)
        {
            context.Report(resource.ApiVersionNode, $"{served} and has no replacement in Kubernetes {context.KubernetesVersion}{(removal.Note is null ? string.Empty : "; " + removal.Note)}");
            return;
        }

        var note = removal.ReplacementRemovedIn is null ? removal.Note ?? SelectorNote(context) : null;
        context.Report(resource.ApiVersionNode, $"{served}; use {removal.Replacement}{(note is null ? string.Empty : " (" + note + ")")}");
    }

    // apps/v1 no longer fills the selector in from the template labels, so a plain version bump is not enough.
    private static string? SelectorNote(RuleContext context) =>
        context.Resource.ApiVersion is "extensions/v1beta1" or "apps/v1beta1" &&
        context.Resource.Kind is "Deployment" or "DaemonSet" or "StatefulSet" or "ReplicaSet" &&
        context.Resource.Spec is { } spec && !spec.ContainsKey("selector")
            ? "which also requires spec.selector"
            : null;

    private static Dictionary<(string, string), Removal> Build()
    {
        var removals = new Dictionary<(string, string), Removal>();
        foreach (var apiVersion in new[] { "extensions/v1beta1", "apps/v1beta1", "apps/v1beta2" })
        {
            foreach (var kind in new[] { "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet" })
                removals[(apiVersion, kind)] = new Removal(V116, "apps/v1");
        }

        removals[("extensions/v1beta1", "NetworkPolicy")] = new Removal(V116, "networking.k8s.io/v1");
        removals[("extensions/v1beta1", "PodSecurityPolicy")] = new Removal(V116, "policy/v1beta1", PodSecurityNote, ReplacementRemovedIn: V125);
        removals[("extensions/v1beta1", "Ingress")] = new Removal(V122, "networking.k8s.io/v1", "whose backend is service.name and service.port");
        removals[("networking.k8s.io/v1beta1", "Ingress")] = new Removal(V122, "networking.k8s.io/v1", "whose backend is service.name and service.port");
        removals[("networking.k8s.io/v1beta1", "IngressClass")] = new Removal(V122, "networking.k8s.io/v1");
        removals[("batch/v1beta1", "CronJob")] = new Removal(V125, "batch/v1");
        removals[("policy/v1beta1", "PodDisruptionBudget")] = new Removal(V125, "policy/v1");
        removals[("policy/v1beta1", "PodSecurityPolicy")] = new Removal(V125, null, PodSecurityNote);
        removals[("autoscaling/v2beta1", "HorizontalPodAutoscaler")] = new Removal(V125, "autoscaling/v2");
        removals[("autoscaling/v2beta2", "HorizontalPodAutoscaler")] = new Removal(V126, "autoscaling/v2");
        return removals;
    }
}
