using ManifestLint.Engine.Configuration;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Cli.Rollout;

/// <summary><c>--node-free</c>, <c>--node NAME:…</c> and <c>rollout.nodes</c> entries: the nodes a scenario replays on.</summary>
internal static class RolloutNodeOptions
{
    public const string Usage = """
          --node-free cpu=Q,memory=Q[,pods=N]
                                       what every node has free for new pods: replay where they stay Pending
                                       (Insufficient cpu/memory, Too many pods)
          --node NAME:cpu=Q,memory=Q[,pods=N]
                                       a node that differs (repeatable); described nodes come first, the others
                                       have --node-free (or room for anything); rollout.nodes entries in
                                       .manifestlint.yaml describe nodes too
          --lose-node K [--at-step S]  K nodes stop responding before the rollout, or after its listed step S:
                                       availability over time, evictions after tolerationSeconds (300 by
                                       default), what replaces the pods, and the effect on the rollout
        """;

    public static readonly string[] Names = ["--node-free", "--node", "--lose-node", "--at-step"];

    /// <summary>--lose-node and --at-step into the options.</summary>
    public static RolloutOptions WithNodeLoss(ArgumentReader reader, RolloutOptions options)
    {
        var lost = reader.NonNegativeInteger("--lose-node");
        var atStep = reader.NonNegativeInteger("--at-step");
        if (atStep is not null && lost is null)
            throw new UsageException("--at-step goes with --lose-node");
        return lost is null ? options : options with { LostNodes = lost, LostAtStep = atStep ?? 0 };
    }

    /// <summary>The nodes the options and the configuration describe; null when none has a capacity.</summary>
    public static ClusterNodes? Cluster(ArgumentReader reader, LintConfiguration configuration, int? nodesOption)
    {
        NodeResources? everyNode = null;
        if (reader.Value("--node-free") is { } free)
            everyNode = Parse("--node-free", free);

        var described = new List<NodeDescription>();
        foreach (var value in reader.Values("--node"))
        {
            var colon = value.IndexOf(':');
            if (colon <= 0)
                throw new UsageException($"--node {value}: expected NAME:cpu=…,memory=…[,pods=…]");
            var name = value.Substring(0, colon);
            if (described.Any(node => node.Name == name))
                throw new UsageException($"--node {name} is given twice");
            described.Add(new NodeDescription(name, Parse($"--node {name}", value.Substring(colon + 1))));
        }

        if (described.Count == 0)
            described.AddRange(configuration.Rollout.DescribedNodes);
        if (described.Count == 0 && everyNode is null)
            return null;

        // Without --node-free, the described nodes are the whole cluster unless --nodes says there are more.
        var count = nodesOption ?? (everyNode is null && described.Count > 0 ? described.Count : Math.Max(configuration.Rollout.Nodes, described.Count));
        if (count < described.Count)
            throw new UsageException($"--nodes {count} is fewer than the {described.Count} nodes described");
        return new ClusterNodes(count, described, everyNode);
    }

    private static NodeResources Parse(string option, string text) =>
        NodeResources.TryParse(text, out var resources, out var error) ? resources : throw new UsageException($"{option}: {error}");
}
