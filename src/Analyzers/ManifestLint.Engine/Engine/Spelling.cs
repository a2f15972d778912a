namespace ManifestLint.Engine;

/// <summary>Edit distances for did-you-mean suggestions in messages and the CLI.</summary>
public static class Spelling
{
    /// <summary>
    /// The candidate equal to <paramref name="value"/> ignoring case (distance 0), else the one with the fewest
    /// edits ignoring case; null when there are no candidates.
    /// </summary>
    public static (string Candidate, int Distance)? Closest(string value, IEnumerable<string> candidates)
    {
        (string Candidate, int Distance)? best = null;
        var lowerValue = value.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            if (string.Equals(value, candidate, StringComparison.OrdinalIgnoreCase))
                return (candidate, 0);
            var distance = EditDistance(lowerValue, candidate.ToLowerInvariant());
            if (best is null || distance < best.Value.Distance)
                best = (candidate, distance);
        }

        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions each cost 1.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
