using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Rules.Input;
using ManifestLint.Engine.Schema;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Engine;

/// <summary>The findings of one run plus what it looked at.</summary>
public sealed record LintResult(IReadOnlyList<Finding> Findings, int Files, int Resources, IReadOnlyList<SkippedInput> Skipped)
{
    /// <summary>The path of every file linted, as findings show it (reports that list clean files need them).</summary>
    public IReadOnlyList<string> FilePaths { get; init; } = [];

    /// <summary>What the baseline did, when the run used one; <see cref="Findings"/> then holds only new findings.</summary>
    public BaselineOutcome? Baseline { get; init; }

    public int Count(RuleLevel level) => Findings.Count(finding => finding.Level == level);

    public bool HasFindingsAtOrAbove(RuleLevel level) => Findings.Any(finding => finding.Level >= level);
}

/// <summary>The findings of one file.</summary>
/// <param name="ListedPatches">For a kustomization: the normalised paths of the patch files it lists.</param>
public sealed record FileLintResult(string Path, IReadOnlyList<Finding> Findings, int Resources, IReadOnlyList<SkippedInput> Skipped, IReadOnlyList<string> ListedPatches)
{
    /// <summary>Set when the file met a custom resource with no known definition: how many definitions the run knew then.</summary>
    internal int? DefinitionsSeen { get; init; }

    /// <summary>Set when a rule compared this file's objects with the run's other inputs: how many objects the run knew then.</summary>
    internal int? InputsSeen { get; init; }
}

/// <summary>Loads sources, runs every enabled rule on every object, and applies suppressions.</summary>
public sealed class Linter
{
    private readonly LintConfiguration configuration;
    private readonly (Rule Rule, RuleLevel Level)[] enabledRules;
    private readonly CustomResourceCatalog customResources;
    private readonly List<Finding> definitionFindings = [];
    private readonly Func<string, string> displayPath;

    /// <param name="displayPath">How findings show the full path of a <c>crds:</c> file; as it is when null (an MSBuild node's current directory says nothing about the project).</param>
    public Linter(LintConfiguration? configuration = null, IEnumerable<Rule>? rules = null, Func<string, string>? displayPath = null)
    {
        this.displayPath = displayPath ?? (fullPath => fullPath);
        this.configuration = configuration ?? LintConfiguration.Default;
        enabledRules = EnabledRules(rules ?? RuleCatalog.Rules, this.configuration);
        customResources = new CustomResourceCatalog(this.configuration.SchemaLocations, this.configuration.Limits);
        foreach (var path in this.configuration.CustomResourceDefinitionFiles)
            DefineFrom(path);
    }

    public LintConfiguration Configuration => configuration;

    /// <summary>Lints the files in parallel; findings come back in file, line, column, rule order.</summary>
    public LintResult Lint(IReadOnlyList<SourceFile> files) => Lint(files.Count, index => files[index]);

    /// <summary>
    /// Lints <paramref name="count"/> sources that <paramref name="source"/> reads on the worker threads, so reading
    /// is parallel too and a large tree of files is never held in memory at once. The first exception that
    /// <paramref name="source"/> or a file throws is rethrown as it is.
    /// </summary>
    public LintResult Lint(int count, Func<int, SourceFile> source)
    {
        var results = new FileLintResult[count];
        // Workloads and PodDisruptionBudgets are compared across the whole run (ML61xx).
        var inputs = new DisruptionInputs();
        // One file gains nothing from threads, and starting the thread pool is a visible part of a one-file run.
        if (count == 1)
        {
            results[0] = LintFile(source(0), inputs);
        }
        else
        {
            // One file's tree per core: left unbounded, the thread pool adds workers during a long run, each holding
            // a whole tree, and peak memory grows with the number of files.
            var parallelism = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            var comparesInputs = enabledRules.Any(enabled => enabled.Rule.ComparesBudgetsWithInputs);
            var everyFile = new int[count];
            for (var index = 0; index < count; index++)
                everyFile[index] = index;

            // A budget is compared with every workload of the run, so those comparisons wait until every file is read:
            // made at once, they were incomplete, and the file was read, parsed and checked a second time. The rest of
            // the file is checked in the first pass, and only the budgets' own documents stay in memory.
            var waiting = new FileCheck?[count];
            InParallel(everyFile, index =>
            {
                var check = new FileCheck(this, ManifestLoader.Load(source(index), configuration.Limits), inputs, waitForInputs: comparesInputs);
                if (check.IsWaiting)
                    waiting[index] = check;
                else
                    results[index] = check.Result();
            });
            InParallel(everyFile.Where(index => waiting[index] is not null).ToArray(), index =>
            {
                results[index] = waiting[index]!.Result();
                waiting[index] = null;
            });

            // A CustomResourceDefinition defines its kinds for the whole run: files that met a custom resource before
            // another worker read its definition are linted again, now that every input's CRDs are known; so are files
            // whose objects were compared with the other inputs before every file was read. In parallel too: run one
            // at a time, they kept a core idle at the end of every run that meets custom resources.
            var again = new List<int>();
            for (var index = 0; index < count; index++)
            {
                if ((results[index].DefinitionsSeen is { } seen && seen < customResources.DefinedCount) ||
                    (results[index].InputsSeen is { } inputsSeen && inputsSeen < inputs.Count))
                {
                    again.Add(index);
                }
            }

            InParallel(again.ToArray(), index => results[index] = LintFile(source(index), inputs));

            void InParallel(int[] indices, Action<int> lint)
            {
                try
                {
                    Parallel.For(0, indices.Length, parallelism, position => lint(indices[position]));
                }
                catch (AggregateException exception)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
                }
            }
        }

        // A file that a kustomization among the inputs lists as a patch is a partial object: its findings are noise.
        var patches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            foreach (var patch in result.ListedPatches)
                patches[patch] = result.Path;
        }

        // Plain loops: LINQ over these types is generic code that ReadyToRun leaves to the JIT on every run.
        var findings = new List<Finding>();
        // A crds: file that is also an input has its problems reported by the input's own lint.
        var linted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
            linted.Add(result.Path);
        foreach (var finding in definitionFindings)
        {
            if (!linted.Contains(finding.File))
                findings.Add(finding);
        }

        var skipped = new List<SkippedInput>();
        var resources = 0;
        var filePaths = new List<string>(results.Length);
        foreach (var lintedFile in results)
        {
            filePaths.Add(lintedFile.Path);
            var result = lintedFile;
            if (patches.Count > 0 && patches.TryGetValue(KustomizePatches.Normalize(result.Path), out var kustomization))
                result = new FileLintResult(result.Path, [], 0, [new SkippedInput(result.Path, null, KustomizePatches.SkipReason(kustomization))], []);

            findings.AddRange(result.Findings);
            skipped.AddRange(result.Skipped);
            resources += result.Resources;
        }

        findings.Sort(Finding.Order);
        return new LintResult(findings, count, resources, skipped) { FilePaths = filePaths };
    }

    /// <summary>
    /// Makes the CustomResourceDefinitions of <paramref name="file"/> known before any file is linted: hosts that lint
    /// one file at a time (the analyzer) would otherwise judge a custom resource by whether its definition happened to
    /// be read first. Problems in the file are left to its own lint.
    /// </summary>
    public void DefineCustomResources(SourceFile file)
    {
        foreach (var resource in ManifestLoader.Load(file, configuration.Limits).Resources)
        {
            if (IsCustomResourceDefinition(resource))
                customResources.Define(resource.Root, file.Path);
        }
    }

    /// <summary>Makes the file's objects known to the run: its workloads and budgets, and the kinds its CRDs define.</summary>
    private void Register(LoadedFile loaded, DisruptionInputs inputs)
    {
        inputs.Add(loaded.Resources);
        foreach (var resource in loaded.Resources)
        {
            if (IsCustomResourceDefinition(resource))
                customResources.Define(resource.Root, loaded.File.Path);
        }
    }

    private static bool IsCustomResourceDefinition(Resource resource) =>
        resource.Kind == "CustomResourceDefinition" && resource.ApiVersion.StartsWith("apiextensions.k8s.io/", StringComparison.Ordinal);

    /// <summary>Lints one file on its own: rules that compare objects across inputs see this file's objects only.</summary>
    public FileLintResult LintFile(SourceFile file) => LintFile(file, null);

    /// <summary>
    /// Lints one file of a larger set: rules that compare objects across inputs see <paramref name="inputs"/>, which
    /// should hold every file of the set (the IDE analyzer reads them up front).
    /// </summary>
    public FileLintResult LintFile(SourceFile file, DisruptionInputs? inputs) =>
        new FileCheck(this, ManifestLoader.Load(file, configuration.Limits), inputs ?? new DisruptionInputs(), waitForInputs: false).Result();

    /// <summary>Runs the rules on a file that is already loaded.</summary>
    public IReadOnlyList<Finding> Check(LoadedFile loaded) =>
        new FileCheck(this, loaded, new DisruptionInputs(), waitForInputs: false).Result().Findings;

    /// <summary>
    /// Reads the CustomResourceDefinitions of a <c>crds:</c> file, or of every YAML/JSON file under a folder. What
    /// keeps a definition from being read (a syntax error, a limit, a schema the API server refuses) becomes a finding
    /// in that file, as it would be if the file were an input: a kind left undefined must say why.
    /// </summary>
    private void DefineFrom(string path)
    {
        IEnumerable<string> files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).OrderBy(file => file, StringComparer.Ordinal)
            : File.Exists(path) ? [path] : [];
        // Regular files only, as for every input: a FIFO in a crds: folder would block the run.
        foreach (var file in files.Where(file => FileIdentity.Of(file).Kind == FileKind.Regular))
        {
            var shownAs = displayPath(file);
            LoadedFile loaded;
            try
            {
                loaded = ManifestLoader.Load(SourceReader.Read(shownAs, file, configuration.Limits), configuration.Limits);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                var start = new SourcePosition(1, 1, 0);
                AddDefinitionFinding(InputRules.YamlSyntaxError, $"cannot read this crds: file: {exception.Message}", shownAs, start, start with { Column = 2, Offset = 1 });
                continue;
            }

            foreach (var problem in loaded.Problems)
                AddDefinitionFinding(RuleCatalog.Find(problem.RuleId) ?? InputRules.YamlSyntaxError, problem.Message, shownAs, problem.Start, problem.End);
            foreach (var resource in loaded.Resources)
            {
                if (!IsCustomResourceDefinition(resource))
                    continue;
                foreach (var problem in customResources.Define(resource.Root, file))
                    AddDefinitionFinding(RuleCatalog.Find(ObjectSchemaCheck.InvalidCrdSchema)!, $"{problem.Node.PathFrom(resource.Root)}: {problem.Message}", shownAs, problem.Node.Start, problem.Node.End, resource.Id);
            }
        }
    }

    private void AddDefinitionFinding(RuleDescriptor rule, string message, string file, SourcePosition start, SourcePosition end, ResourceId? resource = null)
    {
        var level = configuration.LevelOf(rule);
        if (level != RuleLevel.Off)
            definitionFindings.Add(new Finding(rule, level, message, file, start, end, resource, null));
    }

    // A plain loop for the same reason as in Lint.
    private static (Rule Rule, RuleLevel Level)[] EnabledRules(IEnumerable<Rule> rules, LintConfiguration configuration)
    {
        var all = rules as IReadOnlyList<Rule> ?? rules.ToArray();
        var count = 0;
        foreach (var rule in all)
        {
            if (configuration.LevelOf(rule.Descriptor) != RuleLevel.Off)
                count++;
        }

        var enabled = new (Rule Rule, RuleLevel Level)[count];
        var index = 0;
        foreach (var rule in all)
        {
            var level = configuration.LevelOf(rule.Descriptor);
            if (level != RuleLevel.Off)
                enabled[index++] = (rule, level);
        }

        return enabled;
    }

    /// <summary>
    /// One file's check: every enabled rule on every object, then the file's suppressions. With
    /// <c>waitForInputs</c>, the rules that compare a PodDisruptionBudget with the run's workloads wait for
    /// <see cref="Result"/>, which the linter calls once every file is read; only the budgets' documents are kept.
    /// </summary>
    private sealed class FileCheck
    {
        private readonly Linter linter;
        private readonly DisruptionInputs inputs;
        private readonly string path;
        private readonly int resources;
        private readonly IReadOnlyList<SkippedInput> skipped;
        private readonly IReadOnlyList<string> listedPatches;
        private readonly SuppressionSet suppressions;
        private readonly int definitionsKnown;
        private readonly List<Finding> findings = [];
        private readonly List<Resource> waitingBudgets = [];
        private int? definitionsSeen;
        private int? inputsSeen;

        public FileCheck(Linter linter, LoadedFile loaded, DisruptionInputs inputs, bool waitForInputs)
        {
            this.linter = linter;
            this.inputs = inputs;
            path = loaded.File.Path;
            resources = loaded.Resources.Count;
            skipped = loaded.Skipped;
            listedPatches = KustomizePatches.ListedIn(loaded.File);
            linter.Register(loaded, inputs);
            definitionsKnown = linter.customResources.DefinedCount;
            suppressions = new SuppressionSet(loaded, linter.configuration);

            foreach (var problem in loaded.Problems)
            {
                var descriptor = RuleCatalog.Find(problem.RuleId) ?? InputRules.YamlSyntaxError;
                var level = linter.configuration.LevelOf(descriptor);
                if (level != RuleLevel.Off)
                    findings.Add(new Finding(descriptor, level, problem.Message, path, problem.Start, problem.End, null, null));
            }

            foreach (var resource in loaded.Resources)
            {
                if (waitForInputs && DisruptionBudget.IsBudget(resource))
                {
                    waitingBudgets.Add(resource.WithoutFileText());
                    Run(resource, rule => !rule.ComparesBudgetsWithInputs);
                }
                else
                {
                    Run(resource, _ => true);
                }
            }
        }

        public bool IsWaiting => waitingBudgets.Count > 0;

        public FileLintResult Result()
        {
            foreach (var budget in waitingBudgets)
                Run(budget, rule => rule.ComparesBudgetsWithInputs);
            waitingBudgets.Clear();

            var filtered = suppressions.FilterComments(findings);
            filtered.AddRange(suppressions.Unused());
            filtered.Sort(Finding.Order);
            return new FileLintResult(path, filtered, resources, skipped, listedPatches) { DefinitionsSeen = definitionsSeen, InputsSeen = inputsSeen };
        }

        private void Run(Resource resource, Func<Rule, bool> which)
        {
            var inputsKnown = inputs.Count;
            var resourceFindings = new List<Finding>();
            var context = new RuleContext(resource, linter.configuration, resourceFindings, linter.customResources) { DisruptionInputs = inputs };
            foreach (var (rule, level) in linter.enabledRules)
            {
                if (which(rule))
                    linter.RunSafely(context, rule, level, resourceFindings);
            }

            if (context.MissedCustomResource)
                definitionsSeen = definitionsKnown;
            if (context.ReadDisruptionInputs)
                inputsSeen = inputsKnown;
            findings.AddRange(suppressions.FilterResource(resource, resourceFindings));
        }
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
