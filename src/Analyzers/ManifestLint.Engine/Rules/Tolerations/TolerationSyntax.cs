namespace ManifestLint.Engine.Rules.Tolerations;

/// <summary>
/// The apimachinery syntax checks tolerations go through (k8s-semantics.md §1.8), hand-written so they stay linear:
/// keys are qualified names, <c>Equal</c> values are label values. Also the did-you-mean helper for enum typos.
/// </summary>
internal static class TolerationSyntax
{
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int DnsSubdomainMaxLength = 253;

    public static readonly string[] Operators = ["Exists", "Equal"];

    public static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>
    /// apimachinery <c>IsQualifiedName</c>: an optional lowercase DNS-subdomain prefix and '/', then a name of at most
    /// 63 characters matching <c>([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]</c>. Returns why the key is invalid, or null.
    /// </summary>
    public static string? QualifiedNameProblem(string value)
    {
        var parts = value.Split('/');
        if (parts.Length > 2)
            return "it has more than one '/'; a qualified name is an optional DNS subdomain prefix, '/', and a name";
        var name = parts[parts.Length - 1];
        if (parts.Length == 2)
        {
            var prefix = parts[0];
            if (prefix.Length == 0)
                return "the prefix before '/' is empty";
            if (DnsSubdomainProblem(prefix) is { } prefixProblem)
                return "the prefix " + prefixProblem;
        }

        if (name.Length == 0)
            return "the name part is empty";
        if (name.Length > QualifiedNameMaxLength)
            return $"the name part is {name.Length} characters long; the maximum is {QualifiedNameMaxLength}";
        return NameCharactersProblem(name, "the name part");
    }

    /// <summary>apimachinery <c>IsValidLabelValue</c>: empty, or at most 63 characters of the qualified-name alphabet.</summary>
    public static string? LabelValueProblem(string value)
    {
        if (value.Length == 0)
            return null;
        if (value.Length > LabelValueMaxLength)
            return $"it is {value.Length} characters long; the maximum is {LabelValueMaxLength}";
        return NameCharactersProblem(value, "it");
    }

    /// <summary>The closest valid spelling of an enum value: same letters in another case, or at most two edits away.</summary>
    public static string? DidYouMean(string value, IEnumerable<string> candidates) =>
        Spelling.Closest(value, candidates) is { } closest && (closest.Distance == 0 || (closest.Distance <= 2 && value.Length >= 3))
            ? closest.Candidate
            : null;

    /// <summary><c>([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]</c> on a non-empty string.</summary>
    private static string? NameCharactersProblem(string value, string subject)
    {
        foreach (var c in value)
        {
            if (!IsAlphanumeric(c) && c is not ('-' or '_' or '.'))
                return $"{subject} contains {Show(c)}; only letters, digits, '-', '_' and '.' are allowed";
        }

        if (!IsAlphanumeric(value[0]))
            return $"{subject} must start with a letter or digit, not '{value[0]}'";
        if (!IsAlphanumeric(value[value.Length - 1]))
            return $"{subject} must end with a letter or digit, not '{value[value.Length - 1]}'";
        return null;
    }

    /// <summary>apimachinery <c>IsDNS1123Subdomain</c>: at most 253 characters of dot-joined lowercase RFC 1123 labels.</summary>
    private static string? DnsSubdomainProblem(string value)
    {
        if (value.Length > DnsSubdomainMaxLength)
            return $"is {value.Length} characters long; the maximum is {DnsSubdomainMaxLength}";
        foreach (var label in value.Split('.'))
        {
            var valid = label.Length > 0 && IsLowerAlphanumeric(label[0]) && IsLowerAlphanumeric(label[label.Length - 1]) &&
                        label.All(c => IsLowerAlphanumeric(c) || c == '-');
            if (!valid)
                return $"'{value}' is not a lowercase DNS subdomain (dot-separated labels of a-z, 0-9 and inner '-')";
        }

        return null;
    }

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static string Show(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        _ when char.IsControl(c) => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
