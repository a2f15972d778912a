namespace ManifestLint.Engine.Rules.Tolerations;

/// <summary>The rules of tolerations (ML3xxx).</summary>
internal static class TolerationRules
{
    public static IEnumerable<Rule> All =>
    [
        new InvalidTolerationOperatorRule(),
        new TolerationExistsWithValueRule(),
        new TolerationEmptyKeyWithoutExistsRule(),
        new InvalidTolerationEffectRule(),
        new TolerationSecondsWithoutNoExecuteRule(),
        new InvalidTolerationKeyRule(),
        new MasterTolerationWithoutControlPlaneRule(),
        new TolerationMatchesEveryTaintRule(),
        new DuplicateTolerationRule(),
        new InvalidTolerationValueRule(),
    ];
}
