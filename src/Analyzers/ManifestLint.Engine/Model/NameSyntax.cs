namespace ManifestLint.Engine.Model;

/// <summary>
/// The apimachinery syntax checks (<c>pkg/util/validation</c>) that names, labels, keys and ports go through,
/// hand-written so they stay linear. Each returns why a value is invalid, or null when it is valid.
/// </summary>
internal static class NameSyntax
{
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int DnsLabelMaxLength = 63;
    public const int DnsSubdomainMaxLength = 253;
    public const int PortNameMaxLength = 15;

    /// <summary>
    /// <c>IsQualifiedName</c>: an optional lowercase DNS-subdomain prefix and '/', then a name of at most 63 characters
    /// matching <c>([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]</c>.
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

    /// <summary><c>IsValidLabelValue</c>: empty, or at most 63 characters of the qualified-name alphabet.</summary>
    public static string? LabelValueProblem(string value)
    {
        if (value.Length == 0)
            return null;
        if (value.Length > LabelValueMaxLength)
            return $"it is {value.Length} characters long; the maximum is {LabelValueMaxLength}";
        return NameCharactersProblem(value, "it");
    }

    /// <summary><c>IsDNS1123Subdomain</c>: at most 253 characters of dot-joined lowercase RFC 1123 labels.</summary>
    public static string? DnsSubdomainProblem(string value)
    {
        if (value.Length > DnsSubdomainMaxLength)
            return $"is {value.Length} characters long; the maximum is {DnsSubdomainMaxLength}";
        foreach (var label in value.Split('.'))
        {
            if (!IsDnsLabelText(label))
                return $"'{value}' is not a lowercase DNS subdomain (dot-separated labels of a-z, 0-9 and inner '-')";
        }

        return null;
    }

    /// <summary><c>IsDNS1123Label</c>: at most 63 characters of a-z, 0-9 and '-', starting and ending alphanumeric.</summary>
    public static string? DnsLabelProblem(string value)
    {
        if (value.Length > DnsLabelMaxLength)
            return $"is {value.Length} characters long; the maximum is {DnsLabelMaxLength}";
        return IsDnsLabelText(value)
            ? null
            : $"'{value}' is not a lowercase DNS label (a-z, 0-9 and '-', starting and ending with a letter or digit)";
    }

    /// <summary><c>IsDNS1035Label</c>: a DNS label that starts with a letter.</summary>
    public static string? Dns1035LabelProblem(string value)
    {
        if (DnsLabelProblem(value) is { } problem)
            return problem;
        return value[0] is >= 'a' and <= 'z' ? null : $"'{value}' must start with a lowercase letter";
    }

    /// <summary>
    /// <c>IsValidPortName</c> (IANA_SVC_NAME): at most 15 characters of a-z, 0-9 and '-', at least one letter,
    /// no '-' at either end and no two '-' in a row.
    /// </summary>
    public static string? PortNameProblem(string value)
    {
        if (value.Length == 0)
            return "it is empty";
        if (value.Length > PortNameMaxLength)
            return $"it is {value.Length} characters long; the maximum is {PortNameMaxLength}";
        foreach (var c in value)
        {
            if (!IsLowerAlphanumeric(c) && c != '-')
                return $"it contains {Show(c)}; only a-z, 0-9 and '-' are allowed";
        }

        if (value.IndexOf("--", StringComparison.Ordinal) >= 0)
            return "it contains '--'";
        if (value[0] == '-' || value[value.Length - 1] == '-')
            return "it starts or ends with '-'";
        return value.Any(c => c is >= 'a' and <= 'z') ? null : "it has no letter";
    }

    /// <summary><c>IsValidPortNum</c>: 1 to 65535.</summary>
    public static bool IsPortNumber(long value) => value is >= 1 and <= 65535;

    /// <summary>
    /// <c>IsRelaxedEnvVarName</c> (the only check since the RelaxedEnvironmentVariableValidation gate went GA):
    /// non-empty printable ASCII other than '='.
    /// </summary>
    public static string? EnvVarNameProblem(string value)
    {
        if (value.Length == 0)
            return "it is empty";
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' || c == '=')
                return $"it contains {Show(c)}; only printable ASCII characters other than '=' are allowed";
        }

        return null;
    }

    /// <summary>The closest valid spelling of an enum value: same letters in another case, or at most two edits away.</summary>
    public static string? DidYouMean(string value, IEnumerable<string> candidates) =>
        Spelling.Closest(value, candidates) is { } closest && (closest.Distance == 0 || (closest.Distance <= 2 && value.Length >= 3))
            ? closest.Candidate
            : null;

    public static string Show(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        _ when char.IsControl(c) || c > '~' => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };

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

    private static bool IsDnsLabelText(string label) =>
        label.Length > 0 && IsLowerAlphanumeric(label[0]) && IsLowerAlphanumeric(label[label.Length - 1]) &&
        label.All(c => IsLowerAlphanumeric(c) || c == '-');

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
