using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Rules.Input;

namespace ManifestLint.Engine;

/// <summary>The findings of one run plus what it looked at.</summary>
public sealed record LintResult(IReadOnlyList<Finding> Findings, int Files, int Resources, IReadOnlyList<SkippedInput> Skipped)
{
    public int Count(RuleLevel level) => Findings.Count(finding => finding.Level == level);

    public bool HasFindingsAtOrAbove(RuleLevel level) => Findings.Any(finding => finding.Level >= level);
}

/// <summary>The findings of one file.</summary>
public sealed record FileLintResult(IReadOnlyList<Finding> Findings, int Resources, IReadOnlyList<SkippedInput> Skipped);

/// <summary>Loads sources, runs every enabled rule on every object, and applies suppressions.</summary>
public sealed class Linter
{
    private readonly LintConfiguration configuration;
    private readonly (Rule Rule, RuleLevel Level)[] enabledRules;

    public Linter(LintConfiguration? configuration = null, IEnumerable<Rule>? rules = null)
    {
        this.configuration = configuration ?? LintConfiguration.Default;
        enabledRules = (rules ?? RuleCatalog.Rules)
            .Select(rule => (rule, this.configuration.LevelOf(rule.Descriptor)))
            .Where(pair => pair.Item2 != RuleLevel.Off)
            .ToArray();
    }

    public LintConfiguration Configuration => configuration;

    /// <summary>Lints the files in parallel; findings come back in file, line, column, rule order.</summary>
    public LintResult Lint(IReadOnlyList<SourceFile> files)
    {
        var results = new FileLintResult[files.Count];
        var patches = KustomizePatches.Find(files);
        Parallel.For(0, files.Count, index =>
        {
            var file = files[index];
            results[index] = patches.TryGetValue(KustomizePatches.Normalize(file.Path), out var kustomization)
                ? new FileLintResult([], 0, [new SkippedInput(file.Path, null, $"kustomize patch listed in {kustomization}, not a whole object")])
                : LintFile(file);
        });
        var findings = results.SelectMany(result => result.Findings).ToList();
        findings.Sort(Finding.Order);
        return new LintResult(
            findings,
            files.Count,
            results.Sum(result => result.Resources),
            results.SelectMany(result => result.Skipped).ToArray());
    }

    public FileLintResult LintFile(SourceFile file)
    {
        var loaded = ManifestLoader.Load(file);
        return new FileLintResult(Check(loaded), loaded.Resources.Count, loaded.Skipped);
    }

    /// <summary>Runs the rules on a file that is already loaded.</summary>
    public IReadOnlyList<Finding> Check(LoadedFile loaded)
    {
        var findings = new List<Finding>();
        foreach (var problem in loaded.Problems)
        {
            var descriptor = problem.RuleId == InputRules.DuplicateKey.Id ? InputRules.DuplicateKey : InputRules.YamlSyntaxError;
            var level = configuration.LevelOf(descriptor);
            if (level != RuleLevel.Off)
                findings.Add(new Finding(descriptor, level, problem.Message, loaded.File.Path, problem.Start, problem.End, null, null));
        }

        var suppressions = new SuppressionSet(loaded, configuration);
        foreach (var resource in loaded.Resources)
        {
            var resourceFindings = new List<Finding>();
            var context = new RuleContext(resource, configuration, resourceFindings);
            foreach (var (rule, level) in enabledRules)
                RunSafely(context, rule, level, resourceFindings);
            findings.AddRange(suppressions.FilterResource(resource, resourceFindings));
        }

        findings = suppressions.FilterComments(findings);
        findings.AddRange(suppressions.Unused());
        findings.Sort(Finding.Order);
        return findings;
    }

    private void RunSafely(RuleContext context, Rule rule, RuleLevel level, List<Finding> findings)
    {
        try
        {
            context.Run(rule, level);
        }
        catch (Exception exception)
        {
            // One rule's bug must not take the other rules, objects or files down with it.
            var level9000 = configuration.LevelOf(InputRules.InternalError);
            if (level9000 == RuleLevel.Off)
                return;
            var kind = context.Resource.KindNode;
            findings.Add(new Finding(
                InputRules.InternalError,
                level9000,
                $"rule {rule.Descriptor.Id} ({rule.Descriptor.Name}) failed on this object: {exception.GetType().Name}: {exception.Message}",
                context.Resource.File.Path,
                kind.Start,
                kind.End,
                context.Resource.Id,
                "kind"));
        }
    }
}
