namespace ManifestLint.Engine.Rules.Readiness;

/// <summary>The rules of readiness, history and selectors (ML5xxx).</summary>
internal static class ReadinessRules
{
    public static IEnumerable<Rule> All =>
    [
        new ProgressDeadlineNotAboveMinReadyRule(),
        new RevisionHistoryLimitZeroRule(),
        new MissingReadinessProbeRule(),
        new SelectorMismatchRule(),
        new MissingSelectorRule(),
        new NegativeValueRule(),
        new UnboundedRevisionHistoryRule(),
        new InvalidProbeHandlerRule(),
        new ProbeSuccessThresholdRule(),
    ];
}
