namespace ManifestLint.Engine.Model;

/// <summary>
/// A container image reference parsed and normalised the way the kubelet does it: distribution/reference's
/// <c>ParseNormalizedNamed</c> followed by go-digest's algorithm checks (k8s-semantics.md §5).
/// <c>nginx</c> becomes <c>docker.io/library/nginx</c> with the implicit tag <c>latest</c>;
/// <c>registry:5000/app</c> is the repository <c>app</c> on <c>registry:5000</c>, with no tag.
/// </summary>
/// <remarks>
/// Hand-written scanner, no regular expressions: every check is linear in the length of the reference.
/// When the reference is refused, <see cref="Problem"/> says why in words, and the name parts are null.
/// </remarks>
public sealed class ImageReference
{
    /// <summary>The registry a reference without one is pulled from.</summary>
    public const string DefaultDomain = "docker.io";

    /// <summary>The longest repository path (without the registry) distribution/reference v0.5+ accepts.</summary>
    public const int MaxPathLength = 255;

    /// <summary>The longest tag the grammar accepts: <c>[\w][\w.-]{0,127}</c>.</summary>
    public const int MaxTagLength = 128;

    private const string LegacyDefaultDomain = "index.docker.io";
    private const string OfficialRepositoryPrefix = "library/";
    private const string Localhost = "localhost";

    private ImageReference(string text, string? domain, string? path, string? tag, string? digest, string? problem)
    {
        Text = text;
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
        Problem = problem;
    }

    /// <summary>The reference exactly as given.</summary>
    public string Text { get; }

    /// <summary>
    /// The normalised registry (<c>docker.io</c>, <c>registry.example.com:5000</c>, <c>[fd00::1]:5000</c>); empty in the
    /// rare case the grammar reads an invalid host as a path component (<c>my_registry.local/app</c>); null when refused.
    /// </summary>
    public string? Domain { get; }

    /// <summary>The normalised repository path (<c>library/nginx</c>); null when refused.</summary>
    public string? Path { get; }

    /// <summary>The tag as written, or null when there is none (the implicit <c>latest</c> is not stored here).</summary>
    public string? Tag { get; }

    /// <summary>The digest as written (<c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary>Why the kubelet refuses the reference (InvalidImageName), or null when it is valid.</summary>
    public string? Problem { get; }

    public bool IsValid => Problem is null;

    /// <summary>The fully qualified repository the kubelet pulls (<c>docker.io/library/nginx</c>).</summary>
    public string? Name => Path is null ? null : Domain is { Length: > 0 } ? $"{Domain}/{Path}" : Path;

    /// <summary>The tag the kubelet asks for: the written tag, else <c>latest</c> when there is no digest either.</summary>
    public string? EffectiveTag => !IsValid ? null : Tag ?? (Digest is null ? "latest" : null);

    /// <summary>True for a valid reference with neither tag nor digest: the kubelet appends <c>:latest</c>.</summary>
    public bool IsImplicitLatest => IsValid && Tag is null && Digest is null;

    /// <summary>True when the kubelet's tag is <c>latest</c>, written or implicit.</summary>
    public bool IsLatest => EffectiveTag == "latest";

    /// <summary>
    /// The <c>imagePullPolicy</c> Kubernetes fills in when none is written: <c>Always</c> when the parsed tag is
    /// <c>latest</c> (even beside a digest), otherwise <c>IfNotPresent</c> (unparseable references included).
    /// </summary>
    public string DefaultPullPolicy => IsLatest ? "Always" : "IfNotPresent";

    /// <summary>The normalised reference (<c>docker.io/library/nginx:1.27</c>), or the text as given when refused.</summary>
    public override string ToString() =>
        !IsValid ? Text : Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses <paramref name="text"/> as the kubelet does; never throws.</summary>
    public static ImageReference Parse(string text)
    {
        if (text.Length == 0)
            return Refused(text, "the image is empty");
        if (text.Length != text.Trim().Length)
            return Refused(text, "it has leading or trailing whitespace");
        if (IsBareIdentifier(text))
            return Refused(text, "a bare 64-character hex string is an image ID, not a reference");
        if (text.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0)
            return Refused(text, $"a URL scheme ('{text.Substring(0, scheme + 3)}') is not part of an image reference");

        var (domain, remainder, domainWritten) = SplitDomain(text);

        // ParseNormalizedNamed checks case before the grammar: everything up to the first ':' after the registry.
        var colon = remainder.IndexOf(':');
        var beforeColon = colon < 0 ? remainder : remainder.Substring(0, colon);
        if (HasUpperCase(beforeColon))
        {
            var at = beforeColon.IndexOf('@');
            var path = at < 0 ? beforeColon : beforeColon.Substring(0, at);
            return HasUpperCase(path)
                ? Refused(text, $"the repository path '{WrittenPath(path, domainWritten)}' must be lowercase")
                : Refused(text, $"the digest algorithm '{beforeColon.Substring(at + 1)}' must be lowercase");
        }

        var atSign = remainder.IndexOf('@');
        var nameAndTag = atSign < 0 ? remainder : remainder.Substring(0, atSign);
        var digest = atSign < 0 ? null : remainder.Substring(atSign + 1);
        var tagSeparator = nameAndTag.IndexOf(':');
        var repositoryPath = tagSeparator < 0 ? nameAndTag : nameAndTag.Substring(0, tagSeparator);
        var tag = tagSeparator < 0 ? null : nameAndTag.Substring(tagSeparator + 1);

        if (domainWritten && DomainProblem(domain) is { } domainProblem)
        {
            // The grammar's registry part is optional: a host that is not a valid registry but is a valid path
            // component (my_registry.local) makes the whole name a path on no registry, which the kubelet accepts.
            if (domain.IndexOf(':') >= 0 || PathComponentProblem(domain) is not null)
                return Refused(text, domainProblem);
            repositoryPath = domain + "/" + repositoryPath;
            domain = "";
        }

        var pathProblem = PathProblem(repositoryPath, domainWritten);
        if (pathProblem is not null)
            return Refused(text, pathProblem);
        if (tag is not null && TagProblem(tag) is { } tagProblem)
            return Refused(text, tagProblem);
        if (digest is not null && DigestProblem(digest) is { } digestProblem)
            return Refused(text, digestProblem);
        if (repositoryPath.Length > MaxPathLength)
            return Refused(text, $"the repository path is {repositoryPath.Length} characters long; the maximum is {MaxPathLength}");

        return new ImageReference(text, domain, repositoryPath, tag, digest, problem: null);
    }

    private static ImageReference Refused(string text, string problem) => new(text, null, null, null, null, problem);

    /// <summary>
    /// distribution/reference <c>splitDockerDomain</c>: the first component is the registry only when the name has a
    /// '/' and that component contains '.' or ':', is <c>localhost</c>, or has upper case; otherwise it is Docker Hub,
    /// where a single-component path gets the <c>library/</c> prefix.
    /// </summary>
    private static (string Domain, string Remainder, bool Written) SplitDomain(string name)
    {
        var slash = name.IndexOf('/');
        if (slash < 0)
            return (DefaultDomain, OfficialRepositoryPrefix + name, false);

        var first = name.Substring(0, slash);
        var rest = name.Substring(slash + 1);
        string domain, remainder;
        var written = true;
        if (first == LegacyDefaultDomain)
        {
            (domain, remainder) = (DefaultDomain, rest);
            written = false;
        }
        else if (first == Localhost || first.IndexOf('.') >= 0 || first.IndexOf(':') >= 0 || HasUpperCase(first))
        {
            (domain, remainder) = (first, rest);
        }
        else
        {
            (domain, remainder) = (DefaultDomain, name);
            written = false;
        }

        if (domain == DefaultDomain)
        {
            written = false;
            if (remainder.IndexOf('/') < 0)
                remainder = OfficialRepositoryPrefix + remainder;
        }

        return (domain, remainder, written);
    }

    /// <summary>The path as the user wrote it, without the <c>library/</c> prefix we added.</summary>
    private static string WrittenPath(string path, bool domainWritten) =>
        !domainWritten && path.StartsWith(OfficialRepositoryPrefix, StringComparison.Ordinal) && path.IndexOf('/', OfficialRepositoryPrefix.Length) < 0
            ? path.Substring(OfficialRepositoryPrefix.Length)
            : path;

    /// <summary><c>host [":" port]</c>; host is dot-joined DNS labels (upper case allowed) or a bracketed IPv6 address.</summary>
    private static string? DomainProblem(string domain)
    {
        string host;
        string? port;
        if (domain.Length > 0 && domain[0] == '[')
        {
            var close = domain.IndexOf(']');
            if (close < 0)
                return $"the registry '{domain}' opens an IPv6 address with '[' but never closes it";
            var address = domain.Substring(1, close - 1);
            if (address.Length == 0 || !address.All(c => IsHexDigit(c) || c == ':'))
                return $"the registry '{domain}' has an IPv6 address with characters other than hex digits and ':' (zones are not allowed)";
            host = domain.Substring(0, close + 1);
            var after = domain.Substring(close + 1);
            if (after.Length > 0 && after[0] != ':')
                return $"the registry '{domain}' has '{after}' after the IPv6 address";
            port = after.Length == 0 ? null : after.Substring(1);
        }
        else
        {
            var colon = domain.IndexOf(':');
            host = colon < 0 ? domain : domain.Substring(0, colon);
            port = colon < 0 ? null : domain.Substring(colon + 1);
            foreach (var label in host.Split('.'))
            {
                if (!IsHostLabel(label))
                    return $"the registry host '{host}' is not a valid host name";
            }
        }

        if (port is not null && (port.Length == 0 || !port.All(IsDigit)))
            return $"the registry port '{port}' of '{domain}' is not a number";
        return null;
    }

    /// <summary>One host label: one alphanumeric, or alphanumerics with inner hyphens.</summary>
    private static bool IsHostLabel(string label) =>
        label.Length > 0 && IsAsciiLetterOrDigit(label[0]) && IsAsciiLetterOrDigit(label[label.Length - 1]) &&
        label.All(c => IsAsciiLetterOrDigit(c) || c == '-');

    private static string? PathProblem(string path, bool domainWritten)
    {
        foreach (var component in path.Split('/'))
        {
            if (PathComponentProblem(component) is { } problem)
                return component.Length == 0
                    ? $"the repository path '{WrittenPath(path, domainWritten)}' has an empty component"
                    : problem;
        }

        return null;
    }

    /// <summary>
    /// <c>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*</c>, checked as alternating runs: every maximal run of separator characters
    /// must be exactly one separator, and the component must start and end with a letter or digit.
    /// </summary>
    private static string? PathComponentProblem(string component)
    {
        if (component.Length == 0)
            return "a repository path component is empty";
        for (var i = 0; i < component.Length;)
        {
            var c = component[i];
            if (IsLowerAlphanumeric(c))
            {
                i++;
                continue;
            }

            if (c is not ('.' or '_' or '-'))
                return $"the repository path component '{component}' contains {Printable(c)}; only lowercase letters, digits and the separators '.', '_', '__' and '-' are allowed";
            var start = i;
            while (i < component.Length && component[i] is '.' or '_' or '-')
                i++;
            var run = component.Substring(start, i - start);
            if (start == 0)
                return $"the repository path component '{component}' starts with '{run}'";
            if (i == component.Length)
                return $"the repository path component '{component}' ends with '{run}'";
            if (!IsSeparator(run))
                return $"the repository path component '{component}' joins words with '{run}'; separators are one '.', one '_', '__', or dashes";
        }

        return null;
    }

    private static bool IsSeparator(string run) =>
        run is "." or "_" or "__" || run.All(c => c == '-');

    /// <summary><c>[\w][\w.-]{0,127}</c> with ASCII <c>\w</c>.</summary>
    private static string? TagProblem(string tag)
    {
        if (tag.Length == 0)
            return "the tag after ':' is empty";
        if (!IsWordCharacter(tag[0]))
            return $"the tag '{tag}' must start with a letter, digit or '_'";
        foreach (var c in tag)
        {
            if (!IsWordCharacter(c) && c is not ('.' or '-'))
                return $"the tag '{tag}' contains {Printable(c)}; only letters, digits, '_', '.' and '-' are allowed";
        }

        return tag.Length > MaxTagLength ? $"the tag is {tag.Length} characters long; the maximum is {MaxTagLength}" : null;
    }

    /// <summary>
    /// Grammar: <c>algorithm ":" hex{32,}</c>, algorithm = letter-led alphanumeric components joined by one of <c>+ . - _</c>.
    /// Then go-digest: only sha256, sha384 and sha512 are known, with exactly 64/96/128 lowercase hex digits.
    /// </summary>
    private static string? DigestProblem(string digest)
    {
        if (digest.Length == 0)
            return "the digest after '@' is empty";
        var colon = digest.IndexOf(':');
        if (colon < 0)
            return $"the digest '{digest}' has no algorithm; it must look like 'sha256:<64 hex digits>'";
        var algorithm = digest.Substring(0, colon);
        var hex = digest.Substring(colon + 1);
        if (AlgorithmProblem(algorithm) is { } algorithmProblem)
            return algorithmProblem;
        var badHex = hex.FirstOrDefault(c => !IsHexDigit(c));
        if (badHex != default(char))
            return $"the digest hex part contains {Printable(badHex)}; only hex digits are allowed";

        var expected = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => 0,
        };
        if (expected == 0)
        {
            return hex.Length < 32
                ? $"the digest needs at least 32 hex digits, got {hex.Length}"
                : $"the digest algorithm '{algorithm}' is not supported; the kubelet knows sha256, sha384 and sha512";
        }

        if (hex.Length != expected)
            return $"a {algorithm} digest needs {expected} hex digits, got {hex.Length}";
        return hex.Any(c => c is >= 'A' and <= 'F') ? $"the {algorithm} digest must use lowercase hex digits" : null;
    }

    private static string? AlgorithmProblem(string algorithm)
    {
        if (algorithm.Length == 0)
            return "the digest has no algorithm before ':'";
        var componentStart = true;
        foreach (var c in algorithm)
        {
            if (componentStart)
            {
                if (!IsAsciiLetter(c))
                    return $"the digest algorithm '{algorithm}' is malformed; each part must start with a letter";
                componentStart = false;
            }
            else if (c is '+' or '.' or '-' or '_')
            {
                componentStart = true;
            }
            else if (!IsAsciiLetterOrDigit(c))
            {
                return $"the digest algorithm '{algorithm}' contains {Printable(c)}";
            }
        }

        return componentStart ? $"the digest algorithm '{algorithm}' ends with a separator" : null;
    }

    /// <summary>distribution/reference refuses <c>^[a-f0-9]{64}$</c>: it is an image ID, ambiguous with a name.</summary>
    private static bool IsBareIdentifier(string text) =>
        text.Length == 64 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static bool HasUpperCase(string text) => text.Any(c => c is >= 'A' and <= 'Z');

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || IsDigit(c);

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsWordCharacter(char c) => IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static string Printable(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        '\n' => "a newline",
        _ when char.IsControl(c) => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
