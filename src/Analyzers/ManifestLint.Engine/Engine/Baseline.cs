using System.Text.RegularExpressions;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Reporting;

namespace ManifestLint.Engine;

/// <summary>A baseline file that cannot be used, with the position of the offending value.</summary>
public sealed class BaselineException(string path, SourcePosition? position, string message)
    : Exception(position is { } at ? $"{path}:{at.Line}:{at.Column}: {message}" : $"{path}: {message}")
{
    public string Path { get; } = path;

    public SourcePosition? Position { get; } = position;

    /// <summary>The message without its location, for hosts that show the location themselves (MSBuild, the IDE).</summary>
    public string Problem { get; } = message;
}

/// <summary>
/// One recorded finding. It names what stays put when unrelated lines move: the rule, the file (relative to the
/// baseline file's folder, with <c>/</c>), the object, the field path and the message. Digits in the message do
/// not count when matching (messages quote line numbers and counts); <see cref="Count"/> identical findings are
/// covered, one more is new.
/// </summary>
public sealed record BaselineEntry(string Rule, string File, string? Kind, string? Namespace, string? Name, string? Path, string Message, int Count)
{
    internal string Fingerprint => Baseline.Fingerprint(Rule, File, Kind, Namespace, Name, Path, Message);
}

/// <summary>What a baseline did to a run's findings.</summary>
/// <param name="NewFindings">The findings no entry covers, in their original order.</param>
/// <param name="Baselined">How many findings entries covered.</param>
/// <param name="Stale">Entries (with the count no finding used) whose file the run looked at without finding them.</param>
public sealed record BaselineMatch(IReadOnlyList<Finding> NewFindings, int Baselined, IReadOnlyList<BaselineEntry> Stale)
{
    /// <summary>How many recorded findings were not found again: the entries (by count) the file can drop.</summary>
    public int StaleCount => Stale.Sum(entry => entry.Count);
}

/// <summary>A run's baseline in its reports.</summary>
/// <param name="File">The baseline file as the user named it.</param>
/// <param name="Baselined">Findings the baseline covered, left out of the report.</param>
/// <param name="Stale">Recorded findings the run did not find again: how far the file can shrink.</param>
public sealed record BaselineOutcome(string File, int Baselined, int Stale);

/// <summary>
/// The findings a project has accepted for now (<c>check --write-baseline</c>), so that only new ones are reported
/// (<c>--baseline</c>, <c>baseline:</c>). One implementation for the CLI, the MSBuild task and the analyzer: each host
/// only says how a finding's file reads relative to the baseline's folder.
/// </summary>
public sealed class Baseline
{
    /// <summary>The <c>version</c> this engine writes and reads.</summary>
    public const int FormatVersion = 1;

    private static readonly Regex Digits = new(@"\d+", RegexOptions.CultureInvariant);
    private static readonly string[] TopKeys = ["version", "entries"];
    private static readonly string[] EntryKeys = ["rule", "file", "kind", "namespace", "name", "path", "message", "count"];

    private Baseline(IReadOnlyList<BaselineEntry> entries) => Entries = entries;

    /// <summary>The entries in file order: file, rule, kind, namespace, name, path, message.</summary>
    public IReadOnlyList<BaselineEntry> Entries { get; }

    /// <summary>The baseline of <paramref name="findings"/>; <paramref name="fileOf"/> gives a finding's file relative to the baseline's folder.</summary>
    public static Baseline From(IEnumerable<Finding> findings, Func<Finding, string> fileOf) =>
        Create(findings.Select(finding => EntryOf(finding, fileOf(finding))));

    /// <summary>
    /// This baseline brought up to date by a run: entries of files the run covered (<paramref name="covers"/>) give way
    /// to <paramref name="current"/>, the others are kept.
    /// </summary>
    public Baseline Update(Baseline current, Func<BaselineEntry, bool> covers) =>
        Create(Entries.Where(entry => !covers(entry)).Concat(current.Entries));

    /// <summary>These entries as a baseline file in <paramref name="toDirectory"/> names them (this one is in <paramref name="fromDirectory"/>).</summary>
    public Baseline Moved(string fromDirectory, string toDirectory) =>
        string.Equals(Path.GetFullPath(fromDirectory), Path.GetFullPath(toDirectory), StringComparison.Ordinal)
            ? this
            : Create(Entries.Select(entry => entry with { File = entry.File == SourceFile.StandardInputPath ? entry.File : FileOf(toDirectory, Path.Combine(fromDirectory, entry.File)) }));

    /// <summary>The entries for one file, as the analyzer matches a file at a time.</summary>
    public ILookup<string, BaselineEntry> ByFile() => Entries.ToLookup(entry => entry.File, StringComparer.Ordinal);

    /// <summary>A baseline of <paramref name="entries"/>.</summary>
    public static Baseline Of(IEnumerable<BaselineEntry> entries) => Create(entries);

    /// <summary>
    /// Which entries a run over files on disk answers for: those of a file it linted with their rule switched on,
    /// and those of a file that no longer exists. Others (a file outside the paths, a rule left out by
    /// <c>--select</c>) are neither matched nor stale.
    /// </summary>
    /// <param name="lintedFiles">The linted files, named as entries name them.</param>
    public static Func<BaselineEntry, bool> Covers(IEnumerable<string> lintedFiles, LintConfiguration configuration, string baselineDirectory)
    {
        var linted = new HashSet<string>(lintedFiles, StringComparer.Ordinal);
        return entry =>
            (linted.Contains(entry.File) && (RuleCatalog.Find(entry.Rule) is not { } rule || configuration.LevelOf(rule) != RuleLevel.Off))
            || (entry.File != SourceFile.StandardInputPath && !File.Exists(Path.Combine(baselineDirectory, entry.File)));
    }

    /// <summary>
    /// <paramref name="result"/> with only the findings this baseline does not cover, and the counts for the reports.
    /// </summary>
    /// <param name="displayPath">The baseline file as the user named it.</param>
    public LintResult Apply(LintResult result, string displayPath, Func<Finding, string> fileOf, Func<BaselineEntry, bool> covers, out BaselineMatch match)
    {
        match = Match(result.Findings, fileOf, covers);
        return result with { Findings = match.NewFindings, Baseline = new BaselineOutcome(displayPath, match.Baselined, match.StaleCount) };
    }

    /// <summary>
    /// Splits <paramref name="findings"/> into new and covered ones. An entry is stale when no finding used it and
    /// <paramref name="covers"/> says the run looked at its file (a run over part of a tree leaves the rest alone).
    /// </summary>
    public BaselineMatch Match(IReadOnlyList<Finding> findings, Func<Finding, string> fileOf, Func<BaselineEntry, bool> covers)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in Entries)
            remaining[entry.Fingerprint] = entry.Count;

        var newFindings = new List<Finding>();
        var baselined = 0;
        foreach (var finding in findings)
        {
            var fingerprint = Fingerprint(finding, fileOf(finding));
            if (remaining.TryGetValue(fingerprint, out var count) && count > 0)
            {
                remaining[fingerprint] = count - 1;
                baselined++;
            }
            else
            {
                newFindings.Add(finding);
            }
        }

        // Entries are unique by fingerprint (Create merges them), so what is left of a count is that entry's.
        var stale = new List<BaselineEntry>();
        foreach (var entry in Entries)
        {
            if (remaining[entry.Fingerprint] is var unused and > 0 && covers(entry))
                stale.Add(entry with { Count = unused });
        }

        return new BaselineMatch(newFindings, baselined, stale);
    }

    /// <summary>
    /// <paramref name="fullPath"/> as a baseline entry names it: relative to <paramref name="baselineDirectory"/> with
    /// <c>/</c> (<c>../</c> for files beside its folder), else the full path (another drive); standard input stays
    /// <c>&lt;stdin&gt;</c>.
    /// </summary>
    public static string FileOf(string baselineDirectory, string fullPath)
    {
        if (fullPath == SourceFile.StandardInputPath)
            return fullPath;
        // netstandard2.0 has no Path.GetRelativePath.
        var from = Path.GetFullPath(baselineDirectory).Replace('\\', '/').TrimEnd('/').Split('/');
        var to = Path.GetFullPath(fullPath).Replace('\\', '/').Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && string.Equals(from[common], to[common], StringComparison.Ordinal))
            common++;
        if (common == 0 || (common == 1 && from[0].Length > 0))
            return string.Join("/", to);
        return string.Join("/", Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
    }

    /// <summary>The baseline file at <paramref name="fullPath"/>; missing, unreadable or malformed is a <see cref="BaselineException"/>.</summary>
    /// <param name="path">The file as messages name it.</param>
    public static Baseline Load(string fullPath, string path)
    {
        var kind = FileIdentity.Of(fullPath).Kind;
        if (kind != FileKind.Regular)
            throw new BaselineException(path, null, kind == FileKind.Missing ? "baseline file not found (write one with check --write-baseline)" : "the baseline is not a regular file");
        SourceFile file;
        try
        {
            file = SourceReader.Read(path, fullPath, InputLimits.Default);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BaselineException(path, null, $"cannot read the baseline file: {exception.Message}");
        }

        if (file.ReadProblem is { } problem)
            throw new BaselineException(path, problem.Start, problem.Message);
        return Parse(path, file.Text);
    }

    /// <summary>Reads baseline JSON; <paramref name="path"/> only names the file in errors.</summary>
    public static Baseline Parse(string path, string text)
    {
        var content = YamlTreeReader.Read(text);
        if (content.Problems.FirstOrDefault() is { } problem)
            throw new BaselineException(path, problem.Start, "not baseline JSON: " + problem.Message);
        if (content.Documents.FirstOrDefault() is not ManifestMapping root)
            throw new BaselineException(path, content.Documents.FirstOrDefault()?.Start, "a baseline is a JSON object with \"version\" and \"entries\"");
        foreach (var entry in root.Entries.Where(entry => !TopKeys.Contains(entry.Key.Value)))
            throw new BaselineException(path, entry.Key.Start, $"unknown key '{entry.Key.Value}' in the baseline{Spelling.Hint(entry.Key.Value, TopKeys)} (expected version and entries)");

        var version = root.Scalar("version");
        if (version is null || !version.IsPlain || !version.TryGetInteger(out var number))
            throw new BaselineException(path, (version ?? (ManifestNode)root).Start, $"the baseline's \"version\" must be the number {FormatVersion}");
        if (number != FormatVersion)
            throw new BaselineException(path, version.Start, $"baseline version {number} is not supported; this ManifestLint reads version {FormatVersion}");

        if (root["entries"] is not ManifestSequence sequence)
            throw new BaselineException(path, (root["entries"] ?? root).Start, "the baseline's \"entries\" must be an array");
        return Create(sequence.Items.Select(item => ReadEntry(path, item)));
    }

    /// <summary>
    /// Writes the baseline as JSON: a version, then the entries in a fixed order with a fixed set of keys, one
    /// per line, so that a change to the findings is a small diff.
    /// </summary>
    public void Write(TextWriter output)
    {
        var json = new JsonWriter(output);
        json.StartObject().Property("version", FormatVersion).Property("entries").StartArray();
        foreach (var entry in Entries)
        {
            json.StartObject()
                .Property("rule", entry.Rule)
                .Property("file", entry.File)
                .Property("kind", entry.Kind)
                .Property("namespace", entry.Namespace)
                .Property("name", entry.Name)
                .Property("path", entry.Path)
                .Property("message", entry.Message)
                .Property("count", entry.Count)
                .EndObject();
        }

        json.EndArray().EndObject();
        json.EndDocument();
    }

    /// <summary>A message with every run of digits made <c>0</c>: line numbers and counts in messages move with edits elsewhere.</summary>
    internal static string WithoutNumbers(string message) => Digits.Replace(message, "0");

    internal static string Fingerprint(Finding finding, string file) =>
        Fingerprint(finding.Rule.Id, file, finding.Resource?.Kind, finding.Resource?.Namespace, finding.Resource?.Name, finding.Path, finding.Message);

    internal static string Fingerprint(string rule, string file, string? kind, string? ns, string? name, string? path, string message) =>
        string.Join("\n", rule, file, kind ?? "\0", ns ?? "\0", name ?? "\0", path ?? "\0", WithoutNumbers(message));

    private static BaselineEntry EntryOf(Finding finding, string file) =>
        new(finding.Rule.Id, file, finding.Resource?.Kind, finding.Resource?.Namespace, finding.Resource?.Name, finding.Path, finding.Message, 1);

    // Merges entries with one fingerprint into one (the first message wins) and sorts them.
    private static Baseline Create(IEnumerable<BaselineEntry> entries)
    {
        var merged = new Dictionary<string, BaselineEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
            merged[entry.Fingerprint] = merged.TryGetValue(entry.Fingerprint, out var earlier) ? earlier with { Count = earlier.Count + entry.Count } : entry;
        return new Baseline(merged.Values.OrderBy(entry => entry, EntryOrder).ToArray());
    }

    private static readonly IComparer<BaselineEntry> EntryOrder = Comparer<BaselineEntry>.Create((a, b) =>
    {
        foreach (var (x, y) in new[] { (a.File, b.File), (a.Rule, b.Rule), (a.Kind, b.Kind), (a.Namespace, b.Namespace), (a.Name, b.Name), (a.Path, b.Path), (WithoutNumbers(a.Message), WithoutNumbers(b.Message)) })
        {
            var order = string.CompareOrdinal(x, y);
            if (order != 0)
                return order;
        }

        return 0;
    });

    private static BaselineEntry ReadEntry(string path, ManifestNode node)
    {
        if (node is not ManifestMapping mapping)
            throw new BaselineException(path, node.Start, "each baseline entry must be a JSON object");
        foreach (var entry in mapping.Entries.Where(entry => !EntryKeys.Contains(entry.Key.Value)))
            throw new BaselineException(path, entry.Key.Start, $"unknown key '{entry.Key.Value}' in a baseline entry{Spelling.Hint(entry.Key.Value, EntryKeys)} (expected {string.Join(", ", EntryKeys)})");

        var countNode = mapping["count"];
        long count = 1;
        if (countNode is not null && !(countNode is ManifestScalar { IsPlain: true } scalar && scalar.TryGetInteger(out count) && count is > 0 and <= int.MaxValue))
            throw new BaselineException(path, countNode.Start, "a baseline entry's \"count\" must be a positive integer");
        return new BaselineEntry(
            RequiredString(path, mapping, "rule"),
            RequiredString(path, mapping, "file"),
            OptionalString(path, mapping, "kind"),
            OptionalString(path, mapping, "namespace"),
            OptionalString(path, mapping, "name"),
            OptionalString(path, mapping, "path"),
            RequiredString(path, mapping, "message"),
            (int)count);
    }

    private static string RequiredString(string path, ManifestMapping entry, string key) =>
        OptionalString(path, entry, key) ?? throw new BaselineException(path, entry.Start, $"a baseline entry needs \"{key}\"");

    private static string? OptionalString(string path, ManifestMapping entry, string key) => entry[key] switch
    {
        null or ManifestScalar { IsNull: true } => null,
        ManifestScalar { IsPlain: false } scalar => scalar.Value,
        var other => throw new BaselineException(path, other.Start, $"a baseline entry's \"{key}\" must be a string or null"),
    };
}
