namespace ManifestLint.Engine.Rules.Api;

/// <summary>The API server's validation after decoding (ML81xx).</summary>
internal static class ApiRules
{
    public static IEnumerable<Rule> All =>
    [
        new InvalidObjectNameRule(),
        new InvalidNamespaceNameRule(),
        new InvalidLabelRule(),
        new InvalidAnnotationRule(),
        new InvalidLabelSelectorRule(),
        new MissingRequiredFieldRule(),
        new UnsupportedValueRule(),
        new RestartPolicyForKindRule(),
        new InvalidContainerNameRule(),
        new InvalidContainerPortRule(),
        new InvalidEnvVarRule(),
        new InvalidVolumeNameRule(),
        new VolumeMountWithoutVolumeRule(),
        new InvalidProbeRule(),
        new ProbePortNotDeclaredRule(),
        new RequestsExceedLimitsRule(),
        new InvalidTopologySpreadConstraintRule(),
        new InvalidServicePortRule(),
        new DuplicateServicePortRule(),
        new StatefulSetPodsRejectedRule(),
    ];
}
