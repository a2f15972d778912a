namespace ManifestLint.Engine;

/// <summary>The Kubernetes minor version that version-dependent rules target.</summary>
public readonly record struct KubernetesVersion(int Major, int Minor) : IComparable<KubernetesVersion>
{
    /// <summary>The newest version this tool knows: the default target.</summary>
    public static readonly KubernetesVersion Newest = new(1, 36);

    public static bool TryParse(string? text, out KubernetesVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text!.Trim().TrimStart('v');
        var parts = trimmed.Split('.');
        if (parts.Length is < 2 or > 3 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || major < 1 || minor < 0)
            return false;
        version = new KubernetesVersion(major, minor);
        return true;
    }

    public int CompareTo(KubernetesVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KubernetesVersion left, KubernetesVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Major}.{Minor}";
}
