using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

/// <summary>The enumerations the API server checks after decoding (the schema lists them only as strings).</summary>
internal static class AllowedValues
{
    public static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    public static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    public static readonly string[] PreemptionPolicies = ["PreemptLowerPriority", "Never"];
    public static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    public static readonly string[] TerminationMessagePolicies = ["File", "FallbackToLogsOnError"];
    public static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    public static readonly string[] HttpSchemes = ["HTTP", "HTTPS"];
    public static readonly string[] InitContainerRestartPolicies = ["Always"];
    public static readonly string[] WhenUnsatisfiable = ["DoNotSchedule", "ScheduleAnyway"];
    public static readonly string[] InclusionPolicies = ["Honor", "Ignore"];
    public static readonly string[] PodManagementPolicies = ["OrderedReady", "Parallel"];
    public static readonly string[] RetentionPolicies = ["Retain", "Delete"];
    public static readonly string[] ServiceTypes = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
    public static readonly string[] SessionAffinities = ["ClientIP", "None"];
    public static readonly string[] TrafficPolicies = ["Cluster", "Local"];
    public static readonly string[] IpFamilyPolicies = ["SingleStack", "PreferDualStack", "RequireDualStack"];
    public static readonly string[] CompletionModes = ["NonIndexed", "Indexed"];
    public static readonly string[] ConcurrencyPolicies = ["Allow", "Forbid", "Replace"];
    public static readonly string[] AccessModes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
    public static readonly string[] VolumeModes = ["Filesystem", "Block"];

    /// <summary>
    /// Why <paramref name="node"/> is not one of <paramref name="allowed"/>, with a did-you-mean for case slips and
    /// typos; null when it is allowed, empty (defaulted), absent or not a string (the schema check's finding).
    /// </summary>
    public static string? Problem(ManifestNode? node, string[] allowed)
    {
        if (ApiObjects.Text(node) is not { Length: > 0 } value || allowed.Contains(value, StringComparer.Ordinal))
            return null;
        var hint = NameSyntax.DidYouMean(value, allowed) is { } suggestion ? $" (did you mean '{suggestion}'?)" : "";
        return $"'{value}' is not supported{hint}; expected {string.Join(", ", allowed)}";
    }

    /// <summary>The allowed value <paramref name="node"/> was meant to be, for a case slip or a typo.</summary>
    public static FindingFix? Fix(ManifestNode? node, string[] allowed) =>
        ApiObjects.Text(node) is { Length: > 0 } value ? FindingFix.DidYouMean(NameSyntax.DidYouMean(value, allowed)) : null;
}
