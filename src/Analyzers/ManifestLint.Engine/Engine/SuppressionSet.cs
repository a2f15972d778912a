using System.Text.RegularExpressions;
using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Rules.Input;

namespace ManifestLint.Engine;

/// <summary>
/// The suppressions of one file: <c># manifestlint-disable-line</c> / <c>-next-line</c> comments and
/// <c>manifestlint.io/ignore</c> annotations. Remembers which entries matched, so unused ones become ML9003.
/// </summary>
internal sealed class SuppressionSet
{
    public const string IgnoreAnnotation = "manifestlint.io/ignore";

    /// <summary>What every suppression comment starts with; the loader keeps a file's comments only when it has one.</summary>
    internal const string CommentMarker = "manifestlint-disable-";

    // Built on first use: most files have no suppression comment, and building a Regex is start-up work.
    private static Regex? commentPattern;

    private static Regex CommentPattern => commentPattern ??= new Regex(
        @"^\s*manifestlint-disable-(?<scope>line|next-line)\b(?<rules>[^#]*)",
        RegexOptions.CultureInvariant);

    private readonly LintConfiguration configuration;
    private readonly string path;
    private readonly List<Entry> lineEntries = [];
    private readonly List<Entry> annotationEntries = [];

    // Indexed so that filtering is linear in findings plus comments, however many of each a file has.
    private readonly Dictionary<int, List<Entry>> lineEntriesByLine = [];
    // By the object's root: a check that outlives its file keeps the object without the file's text (Linter.FileCheck).
    private readonly Dictionary<ManifestMapping, List<Entry>> annotationEntriesByObject = [];

    public SuppressionSet(LoadedFile loaded, LintConfiguration configuration)
    {
        this.configuration = configuration;
        path = loaded.File.Path;
        foreach (var comment in loaded.Comments)
        {
            if (comment.Text.IndexOf(CommentMarker, StringComparison.Ordinal) < 0)
                continue;
            var match = CommentPattern.Match(comment.Text);
            if (!match.Success)
                continue;
            var line = match.Groups["scope"].Value == "line" ? comment.Start.Line : comment.Start.Line + 1;
            var end = comment.Start with { Column = comment.Start.Column + comment.Text.Length + 1, Offset = comment.Start.Offset + comment.Text.Length + 1 };
            AddEntries(lineEntries, match.Groups["rules"].Value, comment.Start, end, line, root: null, resource: null);
        }

        foreach (var entry in lineEntries)
            EntriesOf(lineEntriesByLine, entry.Line).Add(entry);

        foreach (var resource in loaded.Resources)
        {
            if (resource.Annotation(IgnoreAnnotation) is { } annotation)
                AddEntries(annotationEntries, annotation.Value, annotation.Start, annotation.End, line: 0, resource.Root, resource.Id);
        }

        foreach (var entry in annotationEntries)
            EntriesOf(annotationEntriesByObject, entry.Root!).Add(entry);
    }

    public IEnumerable<Finding> FilterResource(Resource resource, List<Finding> findings) =>
        annotationEntriesByObject.TryGetValue(resource.Root, out var entries)
            ? findings.Where(finding => !Suppressed(entries, finding))
            : findings;

    public List<Finding> FilterComments(List<Finding> findings) =>
        lineEntries.Count == 0
            ? findings
            : findings.Where(finding => !lineEntriesByLine.TryGetValue(finding.Start.Line, out var entries) || !Suppressed(entries, finding)).ToList();

    public IEnumerable<Finding> Unused()
    {
        var level = configuration.LevelOf(InputRules.UnusedSuppression);
        if (level == RuleLevel.Off)
            yield break;
        foreach (var entry in lineEntries.Concat(annotationEntries))
        {
            if (entry.Used)
                continue;
            // A rule switched off in the configuration cannot fire, so its suppression is not stale.
            if (entry.Rule is { } rule && configuration.LevelOf(rule) == RuleLevel.Off)
                continue;
            var message = entry.Rule is null
                ? $"suppression names '{entry.Token}', which is not a ManifestLint rule ID or name"
                : $"suppression of {entry.Rule.Id} ({entry.Rule.Name}) matches no finding";
            yield return new Finding(InputRules.UnusedSuppression, level, message, path, entry.Start, entry.End, entry.Resource, entry.Resource is null ? null : $"metadata.annotations.{IgnoreAnnotation}");
        }
    }

    private static List<Entry> EntriesOf<TKey>(Dictionary<TKey, List<Entry>> index, TKey key)
    {
        if (!index.TryGetValue(key, out var entries))
            index[key] = entries = [];
        return entries;
    }

    private static bool Suppressed(IEnumerable<Entry> entries, Finding finding)
    {
        var suppressed = false;
        foreach (var entry in entries)
        {
            if (entry.Matches(finding))
            {
                entry.Used = true;
                suppressed = true;
            }
        }

        return suppressed;
    }

    private static void AddEntries(List<Entry> entries, string ruleList, SourcePosition start, SourcePosition end, int line, ManifestMapping? root, ResourceId? resource)
    {
        var tokens = ruleList.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var token in tokens)
        {
            var rule = RuleCatalog.Find(token);
            entries.Add(new Entry(token, rule, start, end, line, root, resource));
        }
    }

    private sealed class Entry(string token, RuleDescriptor? rule, SourcePosition start, SourcePosition end, int line, ManifestMapping? root, ResourceId? resource)
    {
        public string Token { get; } = token;

        public RuleDescriptor? Rule { get; } = rule;

        public SourcePosition Start { get; } = start;

        public SourcePosition End { get; } = end;

        public int Line { get; } = line;

        public ManifestMapping? Root { get; } = root;

        public ResourceId? Resource { get; } = resource;

        public bool Used { get; set; }

        public bool Matches(Finding finding) =>
            Rule is not null && finding.Rule.Id == Rule.Id && finding.Rule.Id != InputRules.UnusedSuppression.Id;
    }
}
