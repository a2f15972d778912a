using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Reporting;

/// <summary>
/// SARIF 2.1.0 with one run: <c>tool.driver.rules</c> lists every rule of the catalog, and each result carries a
/// full region, a <c>%SRCROOT%</c>-relative URI and a fingerprint that does not depend on line numbers. Rules carry
/// what GitHub code scanning shows in an alert: help (text and Markdown), tags, precision and severity.
/// </summary>
public sealed class SarifReporter(ReportOptions options) : IReporter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public const string SourceRootId = "%SRCROOT%";

    /// <summary>The <c>partialFingerprints</c> key; bump the version suffix if the hashed identity ever changes.</summary>
    public const string FingerprintKey = "manifestlintFingerprint/v1";

    public void Write(LintResult result, TextWriter output)
    {
        var rules = RuleCatalog.Descriptors;
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < rules.Count; index++)
            ruleIndex[rules[index].Id] = index;

        var json = new JsonWriter(output);
        json.StartObject()
            .Property("$schema", SchemaUri)
            .Property("version", "2.1.0")
            .Property("runs").StartArray().StartObject();

        json.Property("tool").StartObject().Property("driver").StartObject()
            .Property("name", ReportOptions.ToolName)
            .Property("version", options.ToolVersion)
            .Property("semanticVersion", options.ToolVersion)
            .Property("informationUri", ReportOptions.InformationUri)
            .Property("rules").StartArray();
        foreach (var rule in rules)
            WriteRule(json, rule);
        json.EndArray().EndObject().EndObject();

        if (options.AutomationId is { } automationId)
            json.Property("automationDetails").StartObject().Property("id", automationId).EndObject();
        WriteOriginalUriBaseIds(json);
        json.Property("columnKind", "utf16CodeUnits");

        json.Property("results").StartArray();
        var findings = result.Findings.OrderBy(finding => finding, Finding.Order).ToArray();
        // Fingerprints hash the repository path, so a run from another folder matches the same alerts.
        var fingerprints = Fingerprints(findings.Select(finding => finding with { File = options.RepositoryPath(finding.File) }).ToArray());
        for (var index = 0; index < findings.Length; index++)
            WriteResult(json, findings[index], ruleIndex, fingerprints[index]);
        json.EndArray();

        json.EndObject().EndArray().EndObject();
        json.EndDocument();
    }

    /// <summary>SARIF's level for a rule level: info becomes <c>note</c>, off becomes <c>none</c>.</summary>
    public static string Level(RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        RuleLevel.Info => "note",
        _ => "none",
    };

    /// <summary>GitHub's <c>problem.severity</c>: infos are recommendations.</summary>
    public static string ProblemSeverity(RuleLevel level) => level switch
    {
        RuleLevel.Error => "error",
        RuleLevel.Warning => "warning",
        _ => "recommendation",
    };

    /// <summary>
    /// The URI of a finding's file: relative to <c>%SRCROOT%</c> when the file lies below it, else a <c>file:///</c>
    /// URI. Finding paths are resolved against <see cref="ReportOptions.WorkingDirectory"/> first.
    /// </summary>
    public (string Uri, string? UriBaseId) ArtifactUriOf(string path)
    {
        if (path != SourceFile.StandardInputPath && options.SourceRoot is { } root && options.WorkingDirectory is { } workingDirectory)
        {
            var fullPath = Path.GetFullPath(Path.Combine(workingDirectory, path));
            return SourceRoot.RelativeTo(root, fullPath) is { } relative
                ? (EscapePath(relative, allowDriveColon: false), SourceRootId)
                : (FileUri(fullPath), null);
        }

        return ArtifactUri(path);
    }

    /// <summary>
    /// The URI of a finding's path as it is: relative paths are percent-encoded and resolved against <c>%SRCROOT%</c>;
    /// absolute paths become <c>file:///</c> URIs.
    /// </summary>
    public static (string Uri, string? UriBaseId) ArtifactUri(string path)
    {
        var slashed = path.Replace('\\', '/');
        if (IsAbsolute(slashed))
            return (FileUri(slashed), null);
        if (path == SourceFile.StandardInputPath)
            return (EscapePath(slashed, allowDriveColon: false), null);
        return (EscapePath(slashed, allowDriveColon: false), SourceRootId);
    }

    /// <summary>The <c>file:///</c> URI of an absolute path; directories get the trailing slash SARIF requires of base URIs.</summary>
    public static string FileUri(string absolutePath, bool directory = false)
    {
        var slashed = absolutePath.Replace('\\', '/');
        if (directory && !slashed.EndsWith("/", StringComparison.Ordinal))
            slashed += "/";
        if (slashed.StartsWith("//", StringComparison.Ordinal))
            return "file:" + EscapePath(slashed, allowDriveColon: false);
        return "file:///" + EscapePath(slashed.TrimStart('/'), allowDriveColon: true);
    }

    private static bool IsAbsolute(string path) =>
        path.StartsWith("/", StringComparison.Ordinal)
        || (path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && path[2] == '/');

    private void WriteRule(JsonWriter json, RuleDescriptor rule)
    {
        json.StartObject()
            .Property("id", rule.Id)
            .Property("name", rule.Name)
            .Property("shortDescription").StartObject().Property("text", rule.Title).EndObject()
            .Property("fullDescription").StartObject().Property("text", RuleHelp.Summary(rule)).EndObject()
            .Property("help").StartObject()
                .Property("text", RuleHelp.PlainText(rule))
                .Property("markdown", rule.Docs)
            .EndObject()
            .Property("helpUri", options.HelpUri(rule))
            .Property("defaultConfiguration").StartObject();
        if (rule.Level == RuleLevel.Off)
            json.Property("enabled", false);
        json.Property("level", Level(rule.Level)).EndObject()
            .Property("properties").StartObject()
                .Property("tags").StartArray().String("kubernetes").String(Tag(rule.Category)).String(rule.RejectedByApiServer ? "correctness" : "reliability").EndArray()
                .Property("precision", "very-high")
                .Property("problem.severity", ProblemSeverity(rule.Level))
                .Property("category", rule.Category.ToString())
                .Property("rejectedByApiServer", rule.RejectedByApiServer)
                .Property("since", rule.Since)
            .EndObject()
            .EndObject();
    }

    private static string Tag(RuleCategory category) => category switch
    {
        RuleCategory.UpdateStrategy => "update-strategy",
        RuleCategory.SurgeUnavailable => "surge-unavailable",
        RuleCategory.Tolerations => "tolerations",
        RuleCategory.Images => "images",
        RuleCategory.ReadinessHistorySelectors => "readiness",
        RuleCategory.Rollout => "rollout",
        RuleCategory.ApiVersions => "api-versions",
        _ => "input",
    };

    private void WriteOriginalUriBaseIds(JsonWriter json)
    {
        json.Property("originalUriBaseIds").StartObject().Property(SourceRootId).StartObject();
        if (options.SourceRoot is { } root)
            json.Property("uri", FileUri(root, directory: true));
        json.Property("description").StartObject()
            .Property("text", "The repository root (else the directory manifestlint ran in); relative paths in the results start there")
            .EndObject();
        json.EndObject().EndObject();
    }

    private void WriteResult(JsonWriter json, Finding finding, Dictionary<string, int> ruleIndex, string fingerprint)
    {
        json.StartObject().Property("ruleId", finding.Rule.Id);
        if (ruleIndex.TryGetValue(finding.Rule.Id, out var index))
            json.Property("ruleIndex", index);
        json.Property("level", Level(finding.Level))
            .Property("message").StartObject().Property("text", finding.Message).EndObject();

        json.Property("locations").StartArray().StartObject();
        var (uri, uriBaseId) = ArtifactUriOf(finding.File);
        json.Property("physicalLocation").StartObject()
            .Property("artifactLocation").StartObject().Property("uri", uri);
        if (uriBaseId is not null)
            json.Property("uriBaseId", uriBaseId);
        json.EndObject();
        WriteRegion(json, finding.Start, finding.End);
        json.EndObject();

        if (finding.Resource is { } resource)
        {
            json.Property("logicalLocations").StartArray().StartObject()
                .Property("name", resource.Name)
                .Property("fullyQualifiedName", resource.ToString())
                .Property("kind", "resource")
                .EndObject().EndArray();
        }

        json.EndObject().EndArray();

        json.Property("partialFingerprints").StartObject().Property(FingerprintKey, fingerprint).EndObject();

        json.Property("properties").StartObject();
        if (finding.Resource is { } id)
        {
            json.Property("resource").StartObject()
                .Property("apiVersion", id.ApiVersion)
                .Property("kind", id.Kind)
                .Property("namespace", id.Namespace)
                .Property("name", id.Name)
                .EndObject();
        }

        if (finding.Path is not null)
            json.Property("path", finding.Path);
        json.Property("rejectedByApiServer", finding.Rule.RejectedByApiServer).EndObject();
        json.EndObject();
    }

    private static void WriteRegion(JsonWriter json, SourcePosition start, SourcePosition end)
    {
        var startLine = Math.Max(1, start.Line);
        var startColumn = Math.Max(1, start.Column);
        // SARIF forbids a region that ends before it starts; a broken end mark collapses to an empty region.
        var endBeforeStart = end.Line < startLine || (end.Line == startLine && end.Column < startColumn);
        json.Property("region").StartObject()
            .Property("startLine", startLine)
            .Property("startColumn", startColumn)
            .Property("endLine", endBeforeStart ? startLine : end.Line)
            .Property("endColumn", endBeforeStart ? startColumn : Math.Max(1, end.Column))
            .EndObject();
    }

    /// <summary>
    /// One fingerprint per finding, from what stays put when unrelated lines move: the file, the rule, the object's
    /// identity and the field path, plus the occurrence index among findings sharing all of those. Findings outside
    /// an object use their message with numbers blanked out (messages of syntax errors quote line numbers).
    /// </summary>
    internal static string[] Fingerprints(IReadOnlyList<Finding> findings)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fingerprints = new string[findings.Count];
        using var sha = SHA256.Create();
        for (var index = 0; index < findings.Count; index++)
        {
            var finding = findings[index];
            var identity = finding.Resource is { } resource
                ? $"{resource.ApiVersion}\n{resource.Kind}\n{resource.Namespace}\n{resource.Name}\n{finding.Path}"
                : Baseline.WithoutNumbers(finding.Message);
            var key = $"{finding.Rule.Id}\n{finding.File}\n{identity}";
            seen.TryGetValue(key, out var occurrence);
            seen[key] = occurrence + 1;
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes($"{key}\n{occurrence.ToString(CultureInfo.InvariantCulture)}"));
            var builder = new StringBuilder(32);
            for (var b = 0; b < 16; b++)
                builder.Append(hash[b].ToString("x2", CultureInfo.InvariantCulture));
            fingerprints[index] = builder.ToString();
        }

        return fingerprints;
    }

    /// <summary>
    /// Percent-encodes everything but RFC 3986 unreserved characters and <c>/</c>; a drive letter's colon stays in
    /// absolute paths, while in a relative path a colon would turn the first segment into a URI scheme.
    /// </summary>
    private static string EscapePath(string path, bool allowDriveColon)
    {
        var builder = new StringBuilder(path.Length);
        var bytes = Encoding.UTF8.GetBytes(path);
        for (var index = 0; index < bytes.Length; index++)
        {
            var value = bytes[index];
            var isUnreserved = value is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)'/';
            var isDriveColon = allowDriveColon && value == (byte)':' && index == 1 && char.IsLetter(path[0]);
            if (isUnreserved || isDriveColon)
                builder.Append((char)value);
            else
                builder.Append('%').Append(value.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
