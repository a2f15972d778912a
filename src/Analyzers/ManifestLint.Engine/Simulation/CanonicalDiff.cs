using System.Runtime.CompilerServices;

namespace ManifestLint.Engine.Simulation;

/// <summary>
/// The changed fields between two canonical values. Equal digests end the walk, and each pair of shared nodes is
/// walked once (a pair met again is reported at its path without walking it again), so aliases never multiply work.
/// </summary>
internal sealed class CanonicalDiff
{
    /// <summary>Fields listed per comparison; the rest are counted.</summary>
    public const int MaxListed = 100;

    private const int MaxValueLength = 80;

    private readonly CanonicalBuilder budget;
    private readonly HashSet<(CanonicalValue, CanonicalValue)> walked = new(PairComparer.Instance);

    private CanonicalDiff(CanonicalBuilder budget) => this.budget = budget;

    public List<FieldChange> Changes { get; } = [];

    /// <summary>Changed fields beyond <see cref="MaxListed"/>.</summary>
    public int Unlisted { get; private set; }

    public static CanonicalDiff Compare(CanonicalValue? before, CanonicalValue? after, string path, CanonicalBuilder budget)
    {
        var diff = new CanonicalDiff(budget);
        diff.Walk(before, after, path);
        return diff;
    }

    private void Walk(CanonicalValue? before, CanonicalValue? after, string path)
    {
        if (before is null && after is null || before is not null && after is not null && before.Digest == after.Digest)
            return;
        budget.Step();
        switch (before, after)
        {
            case (CanonicalMapping a, CanonicalMapping b) when walked.Add((a, b)):
                foreach (var key in a.Entries.Select(entry => entry.Key).Union(b.Entries.Select(entry => entry.Key), StringComparer.Ordinal).OrderBy(key => key, StringComparer.Ordinal))
                    Walk(a[key], b[key], path.Length == 0 ? key : $"{path}.{key}");
                return;
            case (CanonicalSequence a, CanonicalSequence b) when walked.Add((a, b)):
                for (var i = 0; i < Math.Max(a.Items.Count, b.Items.Count); i++)
                    Walk(i < a.Items.Count ? a.Items[i] : null, i < b.Items.Count ? b.Items[i] : null, $"{path}[{i}]");
                return;
            default:
                Add(new FieldChange(path, before?.Render(MaxValueLength), after?.Render(MaxValueLength)));
                return;
        }
    }

    private void Add(FieldChange change)
    {
        if (Changes.Count < MaxListed)
            Changes.Add(change);
        else
            Unlisted++;
    }

    private sealed class PairComparer : IEqualityComparer<(CanonicalValue, CanonicalValue)>
    {
        public static PairComparer Instance { get; } = new();

        public bool Equals((CanonicalValue, CanonicalValue) x, (CanonicalValue, CanonicalValue) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((CanonicalValue, CanonicalValue) obj) =>
            (RuntimeHelpers.GetHashCode(obj.Item1) * 31) + RuntimeHelpers.GetHashCode(obj.Item2);
    }
}
