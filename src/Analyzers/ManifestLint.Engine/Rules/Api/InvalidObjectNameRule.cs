using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidObjectNameRule : Rule
{
    private enum NameSyntaxKind
    {
        DnsSubdomain,
        DnsLabel,
        Dns1035Label,
        PathSegment,
    }

    // CronJob names get 11 characters appended for their Jobs, whose names must stay DNS-1035 labels' length.
    private const int CronJobNameMaxLength = 52;

    // The name function each kind's ValidateObjectMeta call uses (pkg/apis/*/validation); kinds not listed are not judged.
    private static readonly Dictionary<string, NameSyntaxKind> NameSyntaxByKind = new(StringComparer.Ordinal)
    {
        ["Namespace"] = NameSyntaxKind.DnsLabel,
        ["Service"] = NameSyntaxKind.Dns1035Label,
        ["Role"] = NameSyntaxKind.PathSegment,
        ["ClusterRole"] = NameSyntaxKind.PathSegment,
        ["RoleBinding"] = NameSyntaxKind.PathSegment,
        ["ClusterRoleBinding"] = NameSyntaxKind.PathSegment,
        ["HorizontalPodAutoscaler"] = NameSyntaxKind.PathSegment,
        ["Pod"] = NameSyntaxKind.DnsSubdomain,
        ["PodTemplate"] = NameSyntaxKind.DnsSubdomain,
        ["ReplicationController"] = NameSyntaxKind.DnsSubdomain,
        ["ConfigMap"] = NameSyntaxKind.DnsSubdomain,
        ["Secret"] = NameSyntaxKind.DnsSubdomain,
        ["ServiceAccount"] = NameSyntaxKind.DnsSubdomain,
        ["Endpoints"] = NameSyntaxKind.DnsSubdomain,
        ["PersistentVolume"] = NameSyntaxKind.DnsSubdomain,
        ["PersistentVolumeClaim"] = NameSyntaxKind.DnsSubdomain,
        ["ResourceQuota"] = NameSyntaxKind.DnsSubdomain,
        ["LimitRange"] = NameSyntaxKind.DnsSubdomain,
        ["Deployment"] = NameSyntaxKind.DnsSubdomain,
        ["ReplicaSet"] = NameSyntaxKind.DnsSubdomain,
        ["DaemonSet"] = NameSyntaxKind.DnsSubdomain,
        ["StatefulSet"] = NameSyntaxKind.DnsSubdomain,
        ["Job"] = NameSyntaxKind.DnsSubdomain,
        ["CronJob"] = NameSyntaxKind.DnsSubdomain,
        ["Ingress"] = NameSyntaxKind.DnsSubdomain,
        ["IngressClass"] = NameSyntaxKind.DnsSubdomain,
        ["NetworkPolicy"] = NameSyntaxKind.DnsSubdomain,
        ["PodDisruptionBudget"] = NameSyntaxKind.DnsSubdomain,
        ["StorageClass"] = NameSyntaxKind.DnsSubdomain,
        ["PriorityClass"] = NameSyntaxKind.DnsSubdomain,
    };

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8101", Name: "invalid-object-name", Title: "metadata.name is not valid for the object's kind",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a `metadata.name` (or `metadata.generateName`) that breaks the syntax the API server demands of the
            object's kind: a lowercase DNS subdomain (at most 253 characters of `a-z`, `0-9`, `-` and `.`) for most
            kinds, a DNS label (at most 63 characters, no `.`) for a Namespace, a DNS label starting with a letter
            for a Service, a path segment (no `/`, `%`, `.` or `..`) for RBAC objects and HorizontalPodAutoscalers.
            A CronJob's name may have at most 52 characters, because its Jobs append 11.

            ## Why is this bad?
            The API server rejects the object ("a lowercase RFC 1123 subdomain must consist of …"). Upper-case
            letters and `_` are the usual slips.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Service
            metadata: {name: web_frontend}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Service
            metadata: {name: web-frontend}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            ```

            ## Known problems
            Only built-in kinds whose name rule is known are checked; custom resources are not.
            """);

    public override void Check(RuleContext context)
    {
        var kind = context.Resource.Kind;
        if (!ApiObjects.IsBuiltIn(context.Resource) || context.Resource.Metadata is not { } metadata || !NameSyntaxByKind.TryGetValue(kind, out var syntax))
            return;
        if (metadata["name"] is ManifestScalar { IsNull: false, IsString: true, Value.Length: > 0 } name)
            CheckName(context, name, name.Value, syntax, "metadata.name");
        else if (metadata["generateName"] is ManifestScalar { IsNull: false, IsString: true, Value.Length: > 0 } generateName)
            CheckName(context, generateName, MaskTrailingDash(generateName.Value), syntax, "metadata.generateName");
    }

    private static void CheckName(RuleContext context, ManifestScalar node, string name, NameSyntaxKind syntax, string field)
    {
        var kind = context.Resource.Kind;
        var problem = syntax switch
        {
            NameSyntaxKind.DnsLabel => NameSyntax.DnsLabelProblem(name) is { } label ? $"a {kind} name must be a DNS label: {label}" : null,
            NameSyntaxKind.Dns1035Label => NameSyntax.Dns1035LabelProblem(name) is { } label ? $"a {kind} name must be a DNS-1035 label: {label}" : null,
            NameSyntaxKind.PathSegment => PathSegmentProblem(name),
            _ => NameSyntax.DnsSubdomainProblem(name) is { } subdomain ? $"a {kind} name must be a DNS subdomain: {subdomain}" : null,
        };
        if (problem is null && kind == "CronJob" && field == "metadata.name" && name.Length > CronJobNameMaxLength)
            problem = $"a CronJob name may have at most {CronJobNameMaxLength} characters, and '{name}' has {name.Length}";
        if (problem is not null)
            context.Report(node, $"{field} is invalid: {problem}; {ApiObjects.Rejection(context)}");
    }

    /// <summary><c>IsValidPathSegmentName</c>: not <c>.</c> or <c>..</c>, and no <c>/</c> or <c>%</c>.</summary>
    private static string? PathSegmentProblem(string name) =>
        name is "." or ".." ? $"the name may not be '{name}'"
        : name.IndexOfAny(['/', '%']) >= 0 ? $"'{name}' contains '/' or '%', which a name may not"
        : null;

    // generateName is a prefix: the server appends random characters, so a trailing '-' is fine.
    private static string MaskTrailingDash(string prefix) =>
        prefix.Length > 1 && prefix[prefix.Length - 1] == '-' ? prefix.Substring(0, prefix.Length - 1) + "a" : prefix;
}
