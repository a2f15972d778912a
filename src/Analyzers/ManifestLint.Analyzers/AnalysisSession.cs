using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ManifestLint.Engine;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ManifestLint.Analyzers;

/// <summary>What one compilation's analysis shares: the configuration, its exclusions and the linters per level set.</summary>
internal sealed class AnalysisSession
{
    /// <summary>
    /// Item metadata the build files set on manifests (<c>true</c>), on the configuration file (<c>config</c>) and on
    /// the baseline (<c>baseline</c>).
    /// </summary>
    public const string MarkerKey = "build_metadata.AdditionalFiles.ManifestLint";

    /// <summary>
    /// Per-file severity, e.g. <c>manifestlint_diagnostic.ML4005.severity = error</c>. The compiler ignores
    /// <c>dotnet_diagnostic.*</c> in .editorconfig sections for additional files, but passes custom keys through.
    /// </summary>
    public const string SeverityKeyPrefix = "manifestlint_diagnostic.";

    public const string SeverityKeySuffix = ".severity";

    private readonly LintConfiguration configuration;
    private readonly Glob[] excludes;
    private readonly string? excludeBase;
    private readonly ConcurrentDictionary<string, Linter> linters = new(StringComparer.Ordinal);
    private IReadOnlyList<SourceFile> customResourceDefinitions = [];
    private ILookup<string, BaselineEntry>? baselineByFile;
    private string? baselineDirectory;
    private Lazy<DisruptionInputs>? disruptionInputs;
    private Diagnostic? configurationProblem;
    private int configurationProblemReported;

    private AnalysisSession(LintConfiguration configuration)
    {
        this.configuration = configuration;
        excludes = configuration.Exclude.Select(pattern => new Glob(pattern)).ToArray();
        excludeBase = configuration.SourcePath is null ? null : Path.GetDirectoryName(configuration.SourcePath);
    }

    /// <summary>The session of a compilation, or null when it has no manifests or its configuration is invalid.</summary>
    public static AnalysisSession? Create(AnalyzerOptions options, Compilation compilation, CancellationToken cancellationToken)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        AdditionalText? configFile = null;
        AdditionalText? baselineFile = null;
        var hasManifests = false;
        foreach (var file in options.AdditionalFiles)
        {
            var marker = Marker(provider, file);
            if (marker == "config")
                configFile ??= file;
            else if (marker == "baseline")
                baselineFile ??= file;
            else if (marker == "true")
                hasManifests = true;
        }

        if (!hasManifests)
            return null;

        var configuration = LintConfiguration.Default;
        if (configFile?.GetText(cancellationToken) is { } configText)
        {
            try
            {
                configuration = ConfigurationFile.Parse(configFile.Path, configText.ToString());
            }
            catch (ConfigurationException exception)
            {
                // Reported once, on the configuration file, and nothing else is linted: guessing would mislead.
                var session = new AnalysisSession(LintConfiguration.Default);
                session.configurationProblem = Diagnostic.Create(ManifestDiagnostics.InvalidConfiguration, ConfigurationLocation(configFile.Path, configText, exception), $"invalid ManifestLint configuration: {exception.Problem}");
                return session;
            }
        }

        var analysis = new AnalysisSession(WithGlobalSeverities(configuration, compilation, cancellationToken))
        {
            customResourceDefinitions = CustomResourceDefinitionFiles(options, cancellationToken),
        };
        var manifests = options.AdditionalFiles.Where(file => Marker(provider, file) == "true").ToArray();
        analysis.disruptionInputs = new Lazy<DisruptionInputs>(() => analysis.ReadDisruptionInputs(manifests, cancellationToken));
        analysis.ReadBaseline(baselineFile, configFile, options, cancellationToken);
        return analysis;
    }

    /// <summary>
    /// The manifests that hold CustomResourceDefinitions: every linter knows their kinds before the first file is
    /// analysed, so a custom resource is judged as the command line judges it, whichever file the compiler reads first.
    /// </summary>
    private static SourceFile[] CustomResourceDefinitionFiles(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var files = new List<SourceFile>();
        foreach (var file in options.AdditionalFiles)
        {
            if (Marker(options.AnalyzerConfigOptionsProvider, file) != "true")
                continue;
            try
            {
                if (file.GetText(cancellationToken)?.ToString() is { } text && text.Contains("CustomResourceDefinition"))
                    files.Add(new SourceFile(file.Path, text));
            }
#pragma warning disable CA1031 // A file that cannot be read defines nothing; its own analysis reports why.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
            }
        }

        return [.. files];
    }

    /// <summary>
    /// The workloads and PodDisruptionBudgets of every manifest of the compilation, read once and only when a file
    /// holds a budget: the ML61xx rules compare them across files, as the command line does.
    /// </summary>
    private DisruptionInputs ReadDisruptionInputs(IEnumerable<AdditionalText> manifests, CancellationToken cancellationToken)
    {
        var inputs = new DisruptionInputs();
        foreach (var manifest in manifests)
        {
            if (IsExcluded(manifest.Path) || manifest.GetText(cancellationToken) is not { } text)
                continue;
            try
            {
                inputs.Add(ManifestLoader.Load(new SourceFile(manifest.Path, text.ToString()), configuration.Limits).Resources);
            }
#pragma warning disable CA1031 // A file that cannot be read adds nothing; its own analysis reports why.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        return inputs;
    }

    // Where a configuration's baseline: key is, to report a baseline missing from the AdditionalFiles there.
    private static readonly Regex BaselineKey = new("^baseline:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// The baseline is an AdditionalFile too (the analyzer reads no other file): the one marked <c>baseline</c>
    /// (<c>ManifestLintBaseline</c>), else the configuration's <c>baseline:</c>, which must then be among them.
    /// </summary>
    private void ReadBaseline(AdditionalText? marked, AdditionalText? configFile, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var file = marked;
        if (file is null && configuration.BaselinePath is { } named)
        {
            file = options.AdditionalFiles.FirstOrDefault(candidate => string.Equals(Path.GetFullPath(candidate.Path), named, StringComparison.Ordinal));
            if (file is null)
            {
                var text = configFile?.GetText(cancellationToken);
                var key = text is null ? Match.Empty : BaselineKey.Match(text.ToString());
                var at = text is null || !key.Success ? new SourcePosition(1, 1, 0) : new SourcePosition(text.Lines.GetLinePosition(key.Index).Line + 1, 1, key.Index);
                var location = configFile is null || text is null ? Location.None : CreateLocation(configFile.Path, text, at, at);
                configurationProblem = Diagnostic.Create(ManifestDiagnostics.InvalidConfiguration, location, $"invalid ManifestLint configuration: the baseline {named} is not among the AdditionalFiles (it does not exist, or set ManifestLintBaseline)");
                return;
            }
        }

        if (file?.GetText(cancellationToken) is not { } baselineText)
            return;
        try
        {
            baselineByFile = Baseline.Parse(file.Path, baselineText.ToString()).ByFile();
            baselineDirectory = Path.GetDirectoryName(Path.GetFullPath(file.Path));
        }
        catch (BaselineException exception)
        {
            var position = exception.Position ?? new SourcePosition(1, 1, 0);
            configurationProblem = Diagnostic.Create(ManifestDiagnostics.InvalidConfiguration, CreateLocation(file.Path, baselineText, position, position), $"invalid ManifestLint baseline: {exception.Problem}");
        }
    }

    /// <summary>
    /// The configuration C# objects are linted with: the project's configuration file and .globalconfig severities,
    /// or null when the configuration file is invalid (the manifest analysis reports that).
    /// </summary>
    public static LintConfiguration? CodeConfiguration(AnalyzerOptions options, Compilation compilation, CancellationToken cancellationToken)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        var configFile = options.AdditionalFiles.FirstOrDefault(file => Marker(provider, file) == "config");
        var configuration = LintConfiguration.Default;
        if (configFile?.GetText(cancellationToken) is { } configText)
        {
            try
            {
                configuration = ConfigurationFile.Parse(configFile.Path, configText.ToString());
            }
            catch (ConfigurationException)
            {
                return null;
            }
        }

        return WithGlobalSeverities(configuration, compilation, cancellationToken);
    }

    public void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        var cancellationToken = context.CancellationToken;
        try
        {
            if (configurationProblem is not null)
            {
                if (Interlocked.Exchange(ref configurationProblemReported, 1) == 0)
                    context.ReportDiagnostic(configurationProblem);
                return;
            }

            var file = context.AdditionalFile;
            var fileOptions = context.Options.AnalyzerConfigOptionsProvider.GetOptions(file);
            if (!fileOptions.TryGetValue(MarkerKey, out var marker) || !string.Equals(marker, "true", StringComparison.OrdinalIgnoreCase))
                return;
            if (IsExcluded(file.Path))
                return;
            var text = file.GetText(cancellationToken);
            if (text is null)
                return;

            var content = text.ToString();
            // Only budgets compare objects across files; other files need no view of the rest.
            var inputs = disruptionInputs is not null && content.Contains("PodDisruptionBudget") ? disruptionInputs.Value : null;
            var findings = WithoutBaselined(file.Path, LinterFor(fileOptions).LintFile(new SourceFile(file.Path, content), inputs).Findings);
            foreach (var finding in findings)
            {
                if (!ManifestDiagnostics.ByRuleId.TryGetValue(finding.Rule.Id, out var descriptor))
                    continue;
                var location = CreateLocation(file.Path, text, finding.Start, finding.End);
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, ManifestDiagnostics.ToSeverity(finding.Level), null, null, finding.Message));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Reporting nothing beats an AD0001 that silently disables every rule.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // One file at a time: its entries are all that can match, and the analyzer cannot tell stale entries apart
    // from files outside the compilation, so it does not report them.
    private IReadOnlyList<Finding> WithoutBaselined(string path, IReadOnlyList<Finding> findings)
    {
        if (baselineByFile is null || baselineDirectory is null || findings.Count == 0)
            return findings;
        var file = Baseline.FileOf(baselineDirectory, path);
        return Baseline.Of(baselineByFile[file]).Match(findings, _ => file, _ => false).NewFindings;
    }

    private static string? Marker(AnalyzerConfigOptionsProvider provider, AdditionalText file) =>
        provider.GetOptions(file).TryGetValue(MarkerKey, out var value) ? value.Trim().ToLowerInvariant() : null;

    private bool IsExcluded(string path)
    {
        if (excludes.Length == 0 || excludeBase is null)
            return false;
        var prefix = excludeBase.TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        var relative = path.StartsWith(prefix, StringComparison.Ordinal) ? path.Substring(prefix.Length) : path;
        return excludes.Any(glob => glob.IsMatch(relative));
    }

    /// <summary>The linter for the levels this file's analyzer config options give; one per distinct set of overrides.</summary>
    private Linter LinterFor(AnalyzerConfigOptions fileOptions)
    {
        var overrides = new SortedDictionary<string, RuleLevel>(StringComparer.Ordinal);
        foreach (var rule in RuleCatalog.Descriptors)
        {
            if (fileOptions.TryGetValue(SeverityKeyPrefix + rule.Id + SeverityKeySuffix, out var value) && TryParseSeverity(value, out var level))
                overrides[rule.Id] = level;
        }

        var key = string.Join(";", overrides.Select(pair => $"{pair.Key}={pair.Value}"));
        return linters.GetOrAdd(key, _ =>
        {
            var levels = new Dictionary<string, RuleLevel>(StringComparer.Ordinal);
            foreach (var pair in configuration.RuleLevels)
                levels[pair.Key] = pair.Value;
            foreach (var pair in overrides)
                levels[pair.Key] = pair.Value;
            var linter = new Linter(configuration with { RuleLevels = levels });
            foreach (var definitions in customResourceDefinitions)
                linter.DefineCustomResources(definitions);
            return linter;
        });
    }

    /// <summary>Accepts the .editorconfig severities (<c>error</c>, <c>warning</c>, <c>suggestion</c>, <c>silent</c>, <c>none</c>) and ManifestLint's levels.</summary>
    internal static bool TryParseSeverity(string? value, out RuleLevel level)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "error": level = RuleLevel.Error; return true;
            case "warning": level = RuleLevel.Warning; return true;
            case "suggestion" or "info": level = RuleLevel.Info; return true;
            case "silent" or "hidden" or "none" or "off": level = RuleLevel.Off; return true;
            default: level = RuleLevel.Off; return false;
        }
    }

    /// <summary>
    /// A rule that is off (by default or in .manifestlint.yaml) still runs when a .globalconfig gives it a severity;
    /// the compiler then applies that severity to what the rule reports.
    /// </summary>
    private static LintConfiguration WithGlobalSeverities(LintConfiguration configuration, Compilation compilation, CancellationToken cancellationToken)
    {
        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        if (provider is null)
            return configuration;
        Dictionary<string, RuleLevel>? levels = null;
        foreach (var rule in RuleCatalog.Descriptors)
        {
            if (configuration.LevelOf(rule) != RuleLevel.Off || !provider.TryGetGlobalDiagnosticValue(rule.Id, cancellationToken, out var report))
                continue;
            var level = report switch
            {
                ReportDiagnostic.Error => RuleLevel.Error,
                ReportDiagnostic.Warn => RuleLevel.Warning,
                ReportDiagnostic.Info => RuleLevel.Info,
                _ => RuleLevel.Off,
            };
            if (level == RuleLevel.Off)
                continue;
            levels ??= configuration.RuleLevels.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            levels[rule.Id] = level;
        }

        return levels is null ? configuration : configuration with { RuleLevels = levels };
    }

    internal static Location CreateLocation(string path, SourceText text, SourcePosition start, SourcePosition end)
    {
        var length = text.Length;
        var startOffset = Math.Max(0, Math.Min(start.Offset, length));
        var endOffset = Math.Max(startOffset, Math.Min(end.Offset, length));
        var startPosition = new LinePosition(Math.Max(0, start.Line - 1), Math.Max(0, start.Column - 1));
        var endPosition = end.Line > start.Line || (end.Line == start.Line && end.Column >= start.Column)
            ? new LinePosition(end.Line - 1, Math.Max(0, end.Column - 1))
            : startPosition;
        return Location.Create(path, TextSpan.FromBounds(startOffset, endOffset), new LinePositionSpan(startPosition, endPosition));
    }

    private static Location ConfigurationLocation(string path, SourceText text, ConfigurationException exception)
    {
        var position = exception.Position ?? new SourcePosition(1, 1, 0);
        return CreateLocation(path, text, position, position);
    }
}
