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

    /// <summary>
    /// The candidate a user most likely meant by <paramref name="value"/>: same letters in another case, or at most
    /// two edits (a third of its letters for long words, at most 3), fewer than half its letters; null when nothing
    /// is that close.
    /// </summary>
    public static string? DidYouMean(string value, IEnumerable<string> candidates) =>
        Closest(value, candidates) is { } closest
        && closest.Distance <= Math.Min(3, Math.Max(2, value.Length / 3))
        && closest.Distance * 2 < value.Length
            ? closest.Candidate
            : null;

    /// <summary><c>" (did you mean 'x'?)"</c>, or nothing when no candidate is close.</summary>
    public static string Hint(string value, IEnumerable<string> candidates) =>
        DidYouMean(value, candidates) is { } candidate ? $" (did you mean '{candidate}'?)" : string.Empty;

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
