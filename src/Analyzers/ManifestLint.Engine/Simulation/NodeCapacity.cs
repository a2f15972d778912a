using System.Globalization;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>CPU (millicores) and memory (bytes) that a pod requests, as the scheduler adds them up.</summary>
public readonly record struct PodRequests(long MilliCpu, long MemoryBytes)
{
    /// <summary>
    /// The requests of a pod template: the sum over its containers, or the largest init container when that is
    /// more (init containers run one at a time, before the others); a container without requests but with limits
    /// requests its limits (API-server defaulting). Unparsable quantities count 0; ML8003 reports them.
    /// </summary>
    public static PodRequests Of(ManifestMapping? podSpec)
    {
        if (podSpec is null)
            return default;
        long cpu = 0, memory = 0, initCpu = 0, initMemory = 0;
        foreach (var item in podSpec.Sequence("containers")?.Items ?? [])
        {
            var (containerCpu, containerMemory) = Container(item as ManifestMapping);
            cpu = Add(cpu, containerCpu);
            memory = Add(memory, containerMemory);
        }

        foreach (var item in podSpec.Sequence("initContainers")?.Items ?? [])
        {
            var (containerCpu, containerMemory) = Container(item as ManifestMapping);
            // A sidecar (restartPolicy: Always) keeps running beside the containers: its requests add up.
            if ((item as ManifestMapping)?.String("restartPolicy") == "Always")
            {
                cpu = Add(cpu, containerCpu);
                memory = Add(memory, containerMemory);
                continue;
            }

            initCpu = Math.Max(initCpu, containerCpu);
            initMemory = Math.Max(initMemory, containerMemory);
        }

        return new PodRequests(Math.Max(cpu, initCpu), Math.Max(memory, initMemory));
    }

    public static PodRequests Of(Workload workload) => Of(workload.TemplateSpec);

    public bool IsZero => MilliCpu == 0 && MemoryBytes == 0;

    public override string ToString() => $"cpu {NodeResources.Cpu(MilliCpu)}, memory {NodeResources.Memory(MemoryBytes)}";

    private static (long Cpu, long Memory) Container(ManifestMapping? container)
    {
        var resources = container?.Mapping("resources");
        var requests = resources?.Mapping("requests");
        var limits = resources?.Mapping("limits");
        return (Read(requests, limits, "cpu", -3), Read(requests, limits, "memory", 0));
    }

    private static long Read(ManifestMapping? requests, ManifestMapping? limits, string resource, int exponent10)
    {
        var text = requests?.Scalar(resource)?.Value ?? limits?.Scalar(resource)?.Value;
        return text is not null && Quantity.TryParse(text, out var quantity) ? Math.Max(0, quantity.ToUnitsCeiling(exponent10)) : 0;
    }

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

/// <summary>What a node has free for new pods; null fields are not limited.</summary>
public sealed record NodeResources(long? MilliCpu, long? MemoryBytes, long? Pods)
{
    public static NodeResources Unlimited { get; } = new(null, null, null);

    /// <summary>Parses <c>cpu=500m,memory=1Gi,pods=10</c>; the error names the part that is wrong.</summary>
    public static bool TryParse(string text, out NodeResources resources, out string? error)
    {
        resources = Unlimited;
        error = null;
        long? cpu = null, memory = null, pods = null;
        foreach (var part in text.Split(','))
        {
            var pair = part.Split(['='], 2);
            var key = pair[0].Trim();
            if (pair.Length != 2 || pair[1].Trim().Length == 0)
            {
                error = $"'{part.Trim()}' is not KEY=VALUE (expected cpu=…, memory=… or pods=…)";
                return false;
            }

            var value = pair[1].Trim();
            switch (key)
            {
                case "cpu" when Quantity.TryParse(value, out var quantity) && quantity.Mantissa >= 0:
                    cpu = quantity.ToUnitsCeiling(-3);
                    break;
                case "memory" when Quantity.TryParse(value, out var quantity) && quantity.Mantissa >= 0:
                    memory = quantity.ToUnitsCeiling(0);
                    break;
                case "pods" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count):
                    pods = count;
                    break;
                case "cpu" or "memory" or "pods":
                    error = $"{key}={value} is not a {(key == "pods" ? "non-negative integer" : "non-negative quantity such as " + (key == "cpu" ? "500m" : "1Gi"))}";
                    return false;
                default:
                    error = $"unknown resource '{key}'{Spelling.Hint(key, ["cpu", "memory", "pods"])} (expected cpu, memory or pods)";
                    return false;
            }
        }

        resources = new NodeResources(cpu, memory, pods);
        return true;
    }

    /// <summary>"cpu 250m, memory 150Mi, pods 10": the limited resources only.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (MilliCpu is { } cpu)
            parts.Add($"cpu {Cpu(cpu)}");
        if (MemoryBytes is { } memory)
            parts.Add($"memory {Memory(memory)}");
        if (Pods is { } pods)
            parts.Add($"pods {pods}");
        return parts.Count == 0 ? "unlimited" : string.Join(", ", parts);
    }

    /// <summary>"100m", "2": millicores as a manifest would write them.</summary>
    public static string Cpu(long milli) =>
        milli % 1000 == 0 ? (milli / 1000).ToString(CultureInfo.InvariantCulture) : $"{milli.ToString(CultureInfo.InvariantCulture)}m";

    /// <summary>"200Mi", "1Gi", "1500": bytes in the largest binary unit that divides them.</summary>
    public static string Memory(long bytes)
    {
        foreach (var (suffix, size) in new[] { ("Ti", 1L << 40), ("Gi", 1L << 30), ("Mi", 1L << 20), ("Ki", 1L << 10) })
        {
            if (bytes != 0 && bytes % size == 0)
                return $"{(bytes / size).ToString(CultureInfo.InvariantCulture)}{suffix}";
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>A node described by name (<c>--node NAME:cpu=…</c> or a <c>rollout.nodes</c> entry).</summary>
public sealed record NodeDescription(string Name, NodeResources Free);

/// <summary>
/// The nodes of a rollout scenario: the described ones first, then unnamed <c>node-K</c> nodes that all have
/// <see cref="EveryNode"/> free. Sized by index, so a thousand identical nodes cost nothing.
/// </summary>
public sealed class ClusterNodes
{
    public ClusterNodes(long count, IReadOnlyList<NodeDescription> described, NodeResources? everyNode)
    {
        Count = Math.Max(count, described.Count);
        Described = described;
        EveryNode = everyNode ?? NodeResources.Unlimited;
    }

    private long[]? usedNumbers;

    public long Count { get; }

    public IReadOnlyList<NodeDescription> Described { get; }

    /// <summary>What the nodes that are not described have free.</summary>
    public NodeResources EveryNode { get; }

    /// <summary>A described node's name; the others are node-1, node-2, … skipping the numbers described nodes already use.</summary>
    public string Name(long index)
    {
        if (index < Described.Count)
            return Described[(int)index].Name;
        var number = index - Described.Count + 1;
        foreach (var used in UsedNumbers)
        {
            if (used <= number)
                number++;
        }

        return $"node-{number}";
    }

    private long[] UsedNumbers => usedNumbers ??= Described
        .Select(node => node.Name.StartsWith("node-", StringComparison.Ordinal) && long.TryParse(node.Name.Substring(5), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : 0)
        .Where(number => number > 0)
        .Distinct()
        .OrderBy(number => number)
        .ToArray();

    public NodeResources Free(long index) => index < Described.Count ? Described[(int)index].Free : EveryNode;
}

/// <summary>Why a pod does not fit on a node: the scheduler's FailedScheduling reasons for that node.</summary>
public static class NodeFit
{
    /// <summary>
    /// "Insufficient memory", "Insufficient cpu, Insufficient memory", "Too many pods"; null when <paramref name="need"/>
    /// (plus <paramref name="podSlots"/> pods) fits in <paramref name="free"/>.
    /// </summary>
    public static string? Shortage(NodeResources free, long needCpu, long needMemory, long podSlots)
    {
        var reasons = new List<string>(2);
        if (podSlots > 0 && free.Pods is { } pods && pods < podSlots)
            reasons.Add("Too many pods");
        if (needCpu > 0 && free.MilliCpu is { } cpu && cpu < needCpu)
            reasons.Add("Insufficient cpu");
        if (needMemory > 0 && free.MemoryBytes is { } memory && memory < needMemory)
            reasons.Add("Insufficient memory");
        return reasons.Count == 0 ? null : string.Join(", ", reasons);
    }

    /// <summary>How many pods of <paramref name="request"/> fit in <paramref name="free"/>; long.MaxValue when nothing limits it.</summary>
    public static long Count(NodeResources free, long requestCpu, long requestMemory)
    {
        var count = long.MaxValue;
        if (free.Pods is { } pods)
            count = Math.Min(count, Math.Max(0, pods));
        if (requestCpu > 0 && free.MilliCpu is { } cpu)
            count = Math.Min(count, Math.Max(0, cpu) / requestCpu);
        if (requestMemory > 0 && free.MemoryBytes is { } memory)
            count = Math.Min(count, Math.Max(0, memory) / requestMemory);
        return count;
    }
}
