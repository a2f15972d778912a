namespace ManifestLint.Engine.Reporting;

/// <summary>The output formats of <c>check</c>, by the name users type after <c>--format</c>.</summary>
public static class Reporters
{
    public static IReadOnlyList<string> Formats { get; } = ["text", "json", "sarif", "msbuild", "github", "junit", "gitlab"];

    public static IReporter? Create(string format, ReportOptions options) => format switch
    {
        "text" => new TextReporter(options),
        "json" => new JsonReporter(options),
        "sarif" => new SarifReporter(options),
        "msbuild" => new MsBuildReporter(),
        "github" => new GitHubReporter(options),
        "junit" => new JUnitReporter(options),
        "gitlab" => new GitLabReporter(options),
        _ => null,
    };
}
