using System.Globalization;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Configuration;

/// <summary>A configuration file that cannot be used, with the position of the offending key.</summary>
public sealed class ConfigurationException(string path, SourcePosition? position, string message)
    : Exception(position is { } at ? $"{path}:{at.Line}:{at.Column}: {message}" : $"{path}: {message}")
{
    public string Path { get; } = path;

    public SourcePosition? Position { get; } = position;

    /// <summary>The message without its location, for hosts that show the location themselves (MSBuild, the IDE).</summary>
    public string Problem { get; } = message;
}

/// <summary>Finds and reads <c>.manifestlint.yaml</c>.</summary>
public static class ConfigurationFile
{
    public static readonly string[] FileNames = [".manifestlint.yaml", ".manifestlint.yml"];

    /// <summary>The top-level keys; the JSON schema <c>src/Cli/manifestlint.schema.json</c> lists the same.</summary>
    public static readonly string[] Keys = ["rules", "exclude", "kubernetesVersion", "rollout", "limits", "crds", "baseline"];

    private static readonly string[] RolloutKeys = ["nodes", "maxExtraPods"];

    /// <summary>The nearest configuration file in <paramref name="directory"/> or one of its parents.</summary>
    public static string? Discover(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            foreach (var name in FileNames)
            {
                var candidate = System.IO.Path.Combine(current.FullName, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }

        return null;
    }

    public static LintConfiguration Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(path, null, $"cannot read the configuration file: {exception.Message}");
        }

        return Parse(path, text);
    }

    public static LintConfiguration Parse(string path, string text)
    {
        var content = YamlTreeReader.Read(text);
        if (content.Problems.FirstOrDefault() is { } problem)
            throw new ConfigurationException(path, problem.Start, problem.Message);

        var root = content.Documents.FirstOrDefault();
        if (root is null or ManifestScalar { IsNull: true })
            return LintConfiguration.Default with { SourcePath = path };
        if (root is not ManifestMapping mapping)
            throw new ConfigurationException(path, root.Start, "the configuration must be a mapping");

        var configuration = LintConfiguration.Default with { SourcePath = path };
        foreach (var entry in mapping.Entries)
        {
            configuration = entry.Key.Value switch
            {
                "rules" => configuration with { RuleLevels = ReadRuleLevels(path, entry.Value) },
                "exclude" => configuration with { Exclude = ReadStrings(path, entry) },
                "kubernetesVersion" => configuration with { KubernetesVersion = ReadVersion(path, entry.Value) },
                "rollout" => configuration with { Rollout = ReadRollout(path, entry.Value) },
                "limits" => configuration with { Limits = ReadLimits(path, entry.Value) },
                "crds" => configuration with { CustomResourceDefinitionFiles = ReadCrdPaths(path, entry) },
                "baseline" => configuration with { BaselinePath = ReadBaselinePath(path, entry.Value) },
                _ => throw new ConfigurationException(path, entry.Key.Start, $"unknown key '{entry.Key.Value}'{Spelling.Hint(entry.Key.Value, Keys)} (expected rules, exclude, kubernetesVersion, rollout, limits, crds or baseline)"),
            };
        }

        return configuration;
    }

    private static Dictionary<string, RuleLevel> ReadRuleLevels(string path, ManifestNode node)
    {
        if (node is not ManifestMapping rules)
            throw new ConfigurationException(path, node.Start, "'rules' must map rule IDs or names to off, info, warning or error");
        var levels = new Dictionary<string, RuleLevel>(StringComparer.Ordinal);
        var spelledAs = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        foreach (var entry in rules.Entries)
        {
            var rule = RuleCatalog.Find(entry.Key.Value)
                ?? throw new ConfigurationException(path, entry.Key.Start, $"unknown rule '{entry.Key.Value}' under 'rules'{Spelling.Hint(entry.Key.Value, RuleCatalog.Descriptors.SelectMany(known => new[] { known.Id, known.Name }))}");
            if (entry.Value is not ManifestScalar scalar || !RuleLevels.TryParse(scalar.Value, out var level))
                throw new ConfigurationException(path, entry.Value.Start, $"rule '{entry.Key.Value}' has level '{(entry.Value as ManifestScalar)?.Value}': expected off, info, warning or error");
            // `ML4005: error` beside `latest-tag: off` names one rule twice: which one wins is a guess, so refuse it.
            if (spelledAs.TryGetValue(rule.Id, out var earlier))
                throw new ConfigurationException(path, entry.Key.Start, $"'{entry.Key.Value}' and '{earlier.Key.Value}' (line {earlier.Key.Start.Line}) both set rule {rule.Id} ({rule.Name}); keep one");
            spelledAs[rule.Id] = entry;
            levels[rule.Id] = level;
        }

        return levels;
    }

    private static string[] ReadStrings(string path, ManifestEntry entry)
    {
        if (entry.Value is ManifestScalar { IsNull: true })
            return [];
        if (entry.Value is not ManifestSequence sequence || sequence.Items.Any(item => item is not ManifestScalar))
            throw new ConfigurationException(path, entry.Value.Start, $"'{entry.Key.Value}' must be a list of glob strings");
        return sequence.Items.Cast<ManifestScalar>().Select(item => item.Value).ToArray();
    }

    // Paths of CRD files or folders, relative to the configuration file; a missing one is a configuration error.
    private static string[] ReadCrdPaths(string path, ManifestEntry entry)
    {
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var paths = ReadStrings(path, entry);
        var sequence = (ManifestSequence)entry.Value;
        for (var index = 0; index < paths.Length; index++)
        {
            paths[index] = Path.GetFullPath(Path.Combine(baseDirectory, paths[index]));
            if (!File.Exists(paths[index]) && !Directory.Exists(paths[index]))
                throw new ConfigurationException(path, sequence.Items[index].Start, $"'crds' names {paths[index]}, which does not exist");
        }

        return paths;
    }

    // Not checked for existence here: check --write-baseline creates it, and the analyzer may not touch the disk.
    private static string ReadBaselinePath(string path, ManifestNode node)
    {
        if (node is not ManifestScalar { IsNull: false, IsString: true, Value.Length: > 0 } scalar)
            throw new ConfigurationException(path, node.Start, "'baseline' must be the path of a baseline file, relative to this file");
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Path.GetFullPath(Path.Combine(baseDirectory, scalar.Value));
    }

    private static KubernetesVersion ReadVersion(string path, ManifestNode node)
    {
        string? error = "'kubernetesVersion' must be a string such as \"" + KubernetesVersion.Newest + "\"";
        if (node is ManifestScalar { IsNull: false } scalar && KubernetesVersion.ParseKnown(scalar.Value, out error) is { } version)
            return version;
        throw new ConfigurationException(path, node.Start, $"'kubernetesVersion': {error}");
    }

    private static RolloutSettings ReadRollout(string path, ManifestNode node)
    {
        if (node is not ManifestMapping rollout)
            throw new ConfigurationException(path, node.Start, "'rollout' must be a mapping with nodes and maxExtraPods");
        var settings = new RolloutSettings();
        foreach (var entry in rollout.Entries)
        {
            if (entry.Key.Value == "nodes" && entry.Value is ManifestSequence described)
            {
                var nodes = ReadNodes(path, described);
                settings = settings with { Nodes = nodes.Count, DescribedNodes = nodes };
                continue;
            }

            var value = ReadNonNegative(path, entry);
            settings = entry.Key.Value switch
            {
                "nodes" => settings with { Nodes = value },
                "maxExtraPods" => settings with { MaxExtraPods = value },
                _ => throw new ConfigurationException(path, entry.Key.Start, $"unknown key 'rollout.{entry.Key.Value}'{Spelling.Hint(entry.Key.Value, RolloutKeys)} (expected nodes or maxExtraPods)"),
            };
        }

        return settings;
    }

    private static readonly string[] NodeKeys = ["name", "cpu", "memory", "pods"];

    /// <summary><c>rollout.nodes</c> as a list: <c>- {name: node-a, cpu: 500m, memory: 1Gi, pods: 10}</c>, what each node has free.</summary>
    private static List<Simulation.NodeDescription> ReadNodes(string path, ManifestSequence sequence)
    {
        var nodes = new List<Simulation.NodeDescription>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in sequence.Items)
        {
            if (item is not ManifestMapping node)
                throw new ConfigurationException(path, item.Start, "each 'rollout.nodes' entry must be a mapping with name, cpu, memory and pods");
            var free = Simulation.NodeResources.Unlimited;
            string? name = null;
            foreach (var entry in node.Entries)
            {
                var key = entry.Key.Value;
                if (!NodeKeys.Contains(key))
                    throw new ConfigurationException(path, entry.Key.Start, $"unknown key 'rollout.nodes[].{key}'{Spelling.Hint(key, NodeKeys)} (expected name, cpu, memory or pods)");
                if (entry.Value is not ManifestScalar { IsNull: false } scalar)
                    throw new ConfigurationException(path, entry.Value.Start, $"'rollout.nodes[].{key}' must be a scalar");
                if (key == "name")
                {
                    name = scalar.Value;
                    continue;
                }

                if (!Simulation.NodeResources.TryParse($"{key}={scalar.Value}", out var parsed, out var error))
                    throw new ConfigurationException(path, scalar.Start, $"'rollout.nodes[].{key}': {error}");
                free = free with { MilliCpu = parsed.MilliCpu ?? free.MilliCpu, MemoryBytes = parsed.MemoryBytes ?? free.MemoryBytes, Pods = parsed.Pods ?? free.Pods };
            }

            if (name is null || name.Length == 0)
                throw new ConfigurationException(path, node.Start, "a 'rollout.nodes' entry needs a name");
            if (!names.Add(name))
                throw new ConfigurationException(path, node.Start, $"node '{name}' is described twice in 'rollout.nodes'");
            nodes.Add(new Simulation.NodeDescription(name, free));
        }

        return nodes;
    }

    private static InputLimits ReadLimits(string path, ManifestNode node)
    {
        var expected = string.Join(", ", InputLimits.OptionNames.Keys);
        if (node is not ManifestMapping mapping)
            throw new ConfigurationException(path, node.Start, $"'limits' must be a mapping with {expected}");
        var limits = InputLimits.Default;
        foreach (var entry in mapping.Entries)
        {
            if (!(entry.Value is ManifestScalar scalar && scalar.TryGetInteger(out var value) && value > 0))
                throw new ConfigurationException(path, entry.Value.Start, $"'limits.{entry.Key.Value}' must be a positive integer");
            if (!limits.TryWith(entry.Key.Value, value, out limits))
                throw new ConfigurationException(path, entry.Key.Start, $"unknown key 'limits.{entry.Key.Value}'{Spelling.Hint(entry.Key.Value, InputLimits.OptionNames.Keys)} (expected {expected})");
        }

        return limits;
    }

    private static int ReadNonNegative(string path, ManifestEntry entry) =>
        entry.Value is ManifestScalar scalar && scalar.TryGetInteger(out var value) && value is >= 0 and <= int.MaxValue
            ? (int)value
            : throw new ConfigurationException(path, entry.Value.Start, $"'rollout.{entry.Key.Value}' must be a non-negative integer");
}
