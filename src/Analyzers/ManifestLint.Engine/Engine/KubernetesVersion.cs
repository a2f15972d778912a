namespace ManifestLint.Engine;

/// <summary>
/// The Kubernetes version that version-dependent rules and the rollout evaluator target: a minor version, optionally
/// with a patch. A version without a patch (<c>1.35</c>) means the newest patch of that minor version, because feature
/// gate defaults can change in patch releases (StatefulSet maxUnavailable was switched off in 1.35.4).
/// </summary>
public readonly record struct KubernetesVersion(int Major, int Minor, int? Patch = null) : IComparable<KubernetesVersion>
{
    /// <summary>The newest version this tool knows: the default target.</summary>
    public static readonly KubernetesVersion Newest = new(1, 37);

    /// <summary>The oldest version a user may target; the known range is <see cref="Oldest"/> to <see cref="Newest"/>.</summary>
    public static readonly KubernetesVersion Oldest = new(1, 29);

    /// <summary>"1.29–1.37", for messages that name the known range.</summary>
    public static string KnownRange => $"{Oldest}–{Newest}";

    /// <summary>Whether the minor version is one this tool knows; any patch of a known minor version is accepted.</summary>
    public bool IsKnown => Major == Newest.Major && Minor >= Oldest.Minor && Minor <= Newest.Minor;

    /// <summary>Parses <c>X.Y</c> or <c>X.Y.Z</c>, with an optional leading <c>v</c>; any version that looks right.</summary>
    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var parts = text!.Trim().TrimStart('v').Split('.');
        if (parts.Length is < 2 or > 3 || !TryParsePart(parts[0], out var major) || !TryParsePart(parts[1], out var minor) || major < 1)
            return false;
        int? patch = null;
        if (parts.Length == 3)
        {
            if (!TryParsePart(parts[2], out var patchValue))
                return false;
            patch = patchValue;
        }

        version = new KubernetesVersion(major, minor, patch);
        return true;
    }

    /// <summary>
    /// Parses a version a user wrote (option or configuration): null and a message naming the expected form or the
    /// known range when it is malformed or unknown.
    /// </summary>
    public static KubernetesVersion? ParseKnown(string? text, out string? error)
    {
        if (!TryParse(text, out var version))
        {
            error = $"Kubernetes version '{text}' must look like X.Y or X.Y.Z (e.g. {Newest}); known versions are {KnownRange}";
            return null;
        }

        if (!version.IsKnown)
        {
            error = $"unknown Kubernetes version '{text}': known versions are {KnownRange}";
            return null;
        }

        error = null;
        return version;
    }

    /// <summary>
    /// Orders by minor version; patches count only when both sides have one. So a rule's threshold "since 1.24" holds
    /// for 1.24.0, and a patch threshold such as 1.35.4 is met by a target of plain 1.35 (its newest patch).
    /// </summary>
    public int CompareTo(KubernetesVersion other)
    {
        if (Major != other.Major)
            return Major.CompareTo(other.Major);
        if (Minor != other.Minor)
            return Minor.CompareTo(other.Minor);
        return Patch is { } patch && other.Patch is { } otherPatch ? patch.CompareTo(otherPatch) : 0;
    }

    public static bool operator <(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => Patch is { } patch ? $"{Major}.{Minor}.{patch}" : $"{Major}.{Minor}";

    private static bool TryParsePart(string text, out int value) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
}
