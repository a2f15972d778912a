using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Reporting;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ManifestLint.MsBuild;

/// <summary>
/// Lints the <c>KubernetesManifest</c> items and logs every finding with its code, file, line and column, so
/// <c>dotnet build</c> prints <c>k8s/web.yaml(14,7): error ML2003: …</c>. Findings at or above
/// <see cref="FailOn"/> are logged as errors; MSBuild applies <c>NoWarn</c>/<c>WarningsAsErrors</c> to the warnings.
/// </summary>
public sealed class ManifestLintTask : Microsoft.Build.Utilities.Task
{
    /// <summary>The manifests to lint; relative paths are shown as given and resolved against <see cref="ProjectDirectory"/>.</summary>
    [Required]
    public ITaskItem[] Manifests { get; set; } = [];

    /// <summary>The directory of the project; relative manifest paths and the configuration search start here.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>An explicit <c>.manifestlint.yaml</c>; empty means the nearest one above <see cref="ProjectDirectory"/>.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>
    /// A baseline file (<c>ManifestLintBaseline</c>, relative to <see cref="ProjectDirectory"/>); empty means the
    /// configuration's <c>baseline:</c>, if any. Findings it records are not logged.
    /// </summary>
    public string? Baseline { get; set; }

    /// <summary>The lowest level that fails the build: <c>error</c> (default), <c>warning</c> or <c>info</c>.</summary>
    public string? FailOn { get; set; }

    /// <summary>When set, the findings are also written there as SARIF 2.1.0.</summary>
    public string? SarifFile { get; set; }

    /// <summary>Where rules.md lives; the help link of each finding points at the rule's anchor.</summary>
    public string? RulesDocumentUri { get; set; }

    /// <summary>
    /// The project's <c>TreatWarningsAsErrors</c>. MSBuild applies <c>WarningsAsErrors</c> and <c>NoWarn</c> to task
    /// warnings by itself, but not <c>TreatWarningsAsErrors</c> (only <c>MSBuildTreatWarningsAsErrors</c>), so the task does.
    /// </summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>Codes kept as warnings under <see cref="TreatWarningsAsErrors"/>.</summary>
    public string? WarningsNotAsErrors { get; set; }

    /// <summary>Codes not to promote: MSBuild turns their warnings into messages.</summary>
    public string? NoWarn { get; set; }

    [Output]
    public int FindingCount { get; private set; }

    public override bool Execute()
    {
        if (!TryReadFailOn(out var failOn))
            return false;
        if (!TryLoadConfiguration(out var configuration))
            return false;

        var files = ReadManifests(configuration);
        if (Log.HasLoggedErrors)
            return false;

        var result = new Linter(configuration).Lint(files);
        if (!TryApplyBaseline(configuration, ref result))
            return false;
        var keptAsWarnings = new HashSet<string>(Codes(WarningsNotAsErrors).Concat(Codes(NoWarn)), StringComparer.OrdinalIgnoreCase);
        FindingCount = result.Findings.Count;
        foreach (var finding in result.Findings)
            LogFinding(finding, failOn, keptAsWarnings);
        foreach (var skipped in result.Skipped)
            Log.LogMessage(MessageImportance.Low, "ManifestLint: {0}: skipped: {1}", skipped.Path, skipped.Reason);
        Log.LogMessage(MessageImportance.Normal, "ManifestLint: {0}", TextReporter.Summary(result));

        if (!string.IsNullOrEmpty(SarifFile))
            WriteSarif(result);

        return !Log.HasLoggedErrors;
    }

    private bool TryApplyBaseline(LintConfiguration configuration, ref LintResult result)
    {
        var fullPath = string.IsNullOrWhiteSpace(Baseline)
            ? configuration.BaselinePath
            : Path.GetFullPath(Path.Combine(ProjectDirectory, Baseline!.Trim()));
        if (fullPath is null)
            return true;
        Engine.Baseline baseline;
        try
        {
            baseline = Engine.Baseline.Load(fullPath, fullPath);
        }
        catch (BaselineException exception)
        {
            Log.LogError(null, InvalidConfigurationCode, null, exception.Path, exception.Position?.Line ?? 0, exception.Position?.Column ?? 0, 0, 0, "invalid ManifestLint baseline: {0}", exception.Problem);
            return false;
        }

        var directory = Path.GetDirectoryName(fullPath)!;
        string FileOf(string path) => Engine.Baseline.FileOf(directory, Path.GetFullPath(Path.Combine(ProjectDirectory, path)));
        result = baseline.Apply(result, fullPath, finding => FileOf(finding.File), Engine.Baseline.Covers(result.FilePaths.Select(FileOf), configuration, directory), out var match);
        foreach (var entry in match.Stale)
            Log.LogMessage(MessageImportance.Low, "ManifestLint: {0}: entry no longer matches: {1}: [{2}] {3}", fullPath, entry.File, entry.Rule, entry.Message);
        return true;
    }

    private bool TryReadFailOn(out RuleLevel failOn)
    {
        var text = string.IsNullOrWhiteSpace(FailOn) ? "error" : FailOn!.Trim().ToLowerInvariant();
        if (RuleLevels.TryParse(text, out failOn) && failOn != RuleLevel.Off)
            return true;
        Log.LogError($"ManifestLintFailOn must be error, warning or info, not '{FailOn}'");
        return false;
    }

    private bool TryLoadConfiguration(out LintConfiguration configuration)
    {
        configuration = LintConfiguration.Default;
        var path = string.IsNullOrWhiteSpace(ConfigFile)
            ? ConfigurationFile.Discover(ProjectDirectory)
            : Path.GetFullPath(Path.Combine(ProjectDirectory, ConfigFile!.Trim()));
        if (path is null)
            return true;
        if (!File.Exists(path))
        {
            Log.LogError($"ManifestLintConfig: configuration file '{path}' not found");
            return false;
        }

        try
        {
            configuration = ConfigurationFile.Load(path);
            return true;
        }
        catch (ConfigurationException exception)
        {
            var line = exception.Position?.Line ?? 0;
            var column = exception.Position?.Column ?? 0;
            Log.LogError(null, InvalidConfigurationCode, null, exception.Path, line, column, 0, 0, "invalid ManifestLint configuration: {0}", exception.Problem);
            return false;
        }
    }

    /// <summary>The code of an unusable .manifestlint.yaml, shared with the analyzer (not a rule, so not in the catalog).</summary>
    public static readonly string InvalidConfigurationCode = ManifestLint.Engine.Rules.Input.InputRules.InvalidConfiguration.Id;

    private List<SourceFile> ReadManifests(LintConfiguration configuration)
    {
        var excludes = configuration.Exclude.Select(pattern => new Glob(pattern)).ToArray();
        var excludeBase = configuration.SourcePath is null ? ProjectDirectory : Path.GetDirectoryName(Path.GetFullPath(configuration.SourcePath))!;
        var files = new List<SourceFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Manifests)
        {
            var fullPath = Path.GetFullPath(Path.Combine(ProjectDirectory, item.ItemSpec));
            if (!seen.Add(fullPath))
                continue;
            if (excludes.Length > 0 && excludes.Any(glob => glob.IsMatch(RelativePath(excludeBase, fullPath))))
                continue;
            // A FIFO would block the build and a device never ends: only regular files are opened, as the CLI does.
            var kind = FileIdentity.Of(fullPath).Kind;
            if (kind == FileKind.Special)
            {
                Log.LogWarning(null, null, null, item.ItemSpec, 0, 0, 0, 0, "not checked: not a regular file (a FIFO, device or socket)");
                continue;
            }

            try
            {
                files.Add(SourceReader.Read(item.ItemSpec, fullPath, configuration.Limits));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, null, null, item.ItemSpec, 0, 0, 0, 0, "cannot read the manifest: {0}", exception.Message);
            }
        }

        return files;
    }

    private static IEnumerable<string> Codes(string? list) =>
        (list ?? string.Empty).Split([';', ',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private void LogFinding(Finding finding, RuleLevel failOn, HashSet<string> keptAsWarnings)
    {
        var rule = finding.Rule;
        var helpLink = $"{RulesDocumentUriOrDefault}#{rule.Anchor}";
        var line = finding.Start.Line;
        var column = finding.Start.Column;
        // endLine/endColumn 0 keeps the canonical `file(line,col): error ML…` form that editors and CI parse.
        var promoted = finding.Level == RuleLevel.Warning && TreatWarningsAsErrors && !keptAsWarnings.Contains(rule.Id);
        if (finding.Level >= failOn || finding.Level == RuleLevel.Error || promoted)
            Log.LogError(null, rule.Id, rule.Name, helpLink, finding.File, line, column, 0, 0, "{0}", finding.Message);
        else if (finding.Level == RuleLevel.Warning)
            Log.LogWarning(null, rule.Id, rule.Name, helpLink, finding.File, line, column, 0, 0, "{0}", finding.Message);
        else
            Log.LogMessage(null, rule.Id, rule.Name, finding.File, line, column, 0, 0, MessageImportance.High, "{0}", finding.Message);
    }

    private string RulesDocumentUriOrDefault =>
        string.IsNullOrWhiteSpace(RulesDocumentUri) ? ReportOptions.DefaultRulesDocumentUri : RulesDocumentUri!;

    /// <summary>SARIF 2.1.0 from the engine's reporter; paths are relative to the repository holding the project (%SRCROOT%).</summary>
    private void WriteSarif(LintResult result)
    {
        var fullPath = Path.GetFullPath(Path.Combine(ProjectDirectory, SarifFile!.Trim()));
        try
        {
            var projectDirectory = Path.GetFullPath(ProjectDirectory);
            var options = new ReportOptions(
                ToolVersion,
                RulesDocumentUri: RulesDocumentUriOrDefault,
                SourceRoot: SourceRoot.Repository(projectDirectory) ?? projectDirectory,
                WorkingDirectory: projectDirectory,
                AutomationId: $"manifestlint/msbuild/{Path.GetFileName(projectDirectory.TrimEnd('/', '\\'))}/");
            ReportFile.Write(fullPath, writer => new SarifReporter(options).Write(result, writer));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.LogError($"ManifestLintSarifFile: cannot write '{fullPath}': {exception.Message}");
        }
    }

    private static string ToolVersion { get; } =
        typeof(ManifestLintTask).Assembly.GetName().Version is { } version ? $"{version.Major}.{version.Minor}.{version.Build}" : "0.0.0";

    // Path.GetRelativePath is missing on netstandard2.0; exclude globs only apply below the configuration's folder.
    internal static string RelativePath(string baseDirectory, string fullPath)
    {
        var prefix = Path.GetFullPath(baseDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var relative = fullPath.StartsWith(prefix, StringComparison.Ordinal) ? fullPath.Substring(prefix.Length) : fullPath;
        return Glob.Normalize(relative);
    }
}
