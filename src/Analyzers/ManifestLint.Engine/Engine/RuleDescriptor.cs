namespace ManifestLint.Engine;

/// <summary>How loud a finding is. <see cref="Off"/> rules do not run.</summary>
public enum RuleLevel
{
    Off = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}

/// <summary>Rule families; the thousands digit of a rule ID names the family.</summary>
public enum RuleCategory
{
    UpdateStrategy = 1,
    SurgeUnavailable = 2,
    Tolerations = 3,
    Images = 4,
    ReadinessHistorySelectors = 5,
    Rollout = 6,
    ApiVersions = 7,
    ApiValidity = 8,
    Input = 9,
}

/// <summary>Everything users see about a rule: ID, name, level, and its documentation.</summary>
/// <param name="Id">Stable ID such as <c>ML3002</c>; never reused.</param>
/// <param name="Name">Kebab-case name of the flagged pattern, accepted wherever an ID is.</param>
/// <param name="Title">One line, shown in rule lists and as SARIF shortDescription.</param>
/// <param name="RejectedByApiServer">True when the API server refuses objects this rule flags.</param>
/// <param name="Docs">Markdown: What it does / Why is this bad? / Example / Use instead.</param>
public sealed record RuleDescriptor(
    string Id,
    string Name,
    string Title,
    RuleCategory Category,
    RuleLevel Level,
    bool RejectedByApiServer,
    string Since,
    string Docs)
{
    /// <summary>
    /// True when the Roslyn analyzer runs the rule on KubernetesClient objects built in C#; the input rules about
    /// YAML text and the configuration file have nothing to check there.
    /// </summary>
    public bool RunsOnCSharpObjects { get; init; } = Category != RuleCategory.Input || Id is "ML9000" or "ML9003";

    /// <summary>The GitHub anchor of the rule's section in rules.md.</summary>
    public string Anchor => $"{Id}-{Name}".ToLowerInvariant();

    public override string ToString() => $"{Id} {Name}";
}

public static class RuleLevels
{
    public static string ToText(this RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        RuleLevel.Info => "info",
        _ => "off",
    };

    public static bool TryParse(string? text, out RuleLevel level)
    {
        switch (text)
        {
            case "off": level = RuleLevel.Off; return true;
            case "info": level = RuleLevel.Info; return true;
            case "warning": level = RuleLevel.Warning; return true;
            case "error": level = RuleLevel.Error; return true;
            default: level = RuleLevel.Off; return false;
        }
    }
}
