using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Simulation;

/// <summary>Bounds on comparing manifests: they hold however the YAML aliases or nests its values.</summary>
/// <param name="MaxDepth">Deepest nesting compared (a pod template is about 12 levels deep).</param>
/// <param name="MaxWork">Distinct nodes built plus node pairs compared, per workload.</param>
public sealed record ComparisonLimits(int MaxDepth = 100, int MaxWork = 1_000_000)
{
    public static ComparisonLimits Default { get; } = new();
}

/// <summary>A comparison stopped at a bound or at an alias cycle; the message says where and why.</summary>
public sealed class ComparisonLimitException(string message) : Exception(message);

/// <summary>Where a value sits in a pod template: decides its defaults and how empty values decode.</summary>
internal enum TemplateField
{
    Any,
    PodTemplate,
    PodSpec,
    Container,
    HostNetworkContainer,
    ContainerPort,
    HostNetworkContainerPort,
    Probe,
    Lifecycle,
    LifecycleHandler,
    HttpGet,
    Resources,
    Quantities,
    Env,
    EnvSource,
    FieldRef,
    Volume,
    ProjectedFilesVolume,
}

/// <summary>
/// Builds <see cref="CanonicalValue"/>s from manifest nodes: the form the controllers compare after API-server
/// defaulting (pkg/apis/core/v1/defaults.go, k8s-semantics.md §1.11) and semantic equality (nil and empty maps and
/// lists are equal; quantities compare by value). Each (node, field) pair is built once, so aliased nodes stay
/// shared; a node met again while it is being built is an alias cycle.
/// </summary>
public sealed class CanonicalBuilder : IDisposable
{
    // Pointer-to-struct fields: an empty value is not the same as an absent one (emptyDir: {} is a volume source).
    private static readonly HashSet<string> EmptyIsMeaningful = new(StringComparer.Ordinal)
    {
        "emptyDir", "securityContext", "affinity", "nodeAffinity", "podAffinity", "podAntiAffinity", "dnsConfig",
        "exec", "tcpSocket", "grpc", "capabilities", "seccompProfile", "seLinuxOptions", "appArmorProfile",
        "windowsOptions", "sleep", "ephemeral",
    };

    // Non-pointer booleans and integers: false and 0 are the same as absent.
    private static readonly HashSet<string> ZeroIsAbsent = new(StringComparer.Ordinal)
    {
        "hostNetwork", "hostPID", "hostIPC", "stdin", "stdinOnce", "tty", "readOnly", "hostPort",
    };

    private static readonly Regex QuantityPattern = new(
        @"^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$", RegexOptions.CultureInvariant);

    private readonly ComparisonLimits limits;
    private readonly Dictionary<(ManifestNode, TemplateField), CanonicalValue?> built = new(NodeFieldComparer.Instance);
    private readonly HashSet<(ManifestNode, TemplateField)> building = new(NodeFieldComparer.Instance);
    private readonly List<string> path = [];
    private readonly SHA256 sha = SHA256.Create();
    private int work;

    public CanonicalBuilder(ComparisonLimits? limits = null) => this.limits = limits ?? ComparisonLimits.Default;

    public void Dispose() => sha.Dispose();

    /// <summary>Work done so far, shared with <see cref="CanonicalDiff"/> through <see cref="Step"/>.</summary>
    public int Work => work;

    /// <summary>The pod template after API-server defaulting; null when the workload has none.</summary>
    public CanonicalValue? PodTemplate(Workload workload) => Build(workload.Template, TemplateField.PodTemplate, "spec.template");

    /// <summary>A value decoded but not defaulted (metadata, selectors, other spec fields).</summary>
    public CanonicalValue? Plain(ManifestNode? node, string at) => Build(node, TemplateField.Any, at);

    internal void Step()
    {
        if (++work > limits.MaxWork)
            throw new ComparisonLimitException($"not compared: more than {limits.MaxWork:N0} values to compare (aliases may repeat a value many times); the comparison stops there");
    }

    private CanonicalValue? Build(ManifestNode? node, TemplateField field, string at)
    {
        path.Clear();
        path.Add(at);
        return Build(node, field);
    }

    private CanonicalValue? Build(ManifestNode? node, TemplateField field)
    {
        if (node is null)
            return null;
        var key = (node, field);
        if (built.TryGetValue(key, out var done))
            return done;
        if (path.Count > limits.MaxDepth)
            throw new ComparisonLimitException($"not compared: {Location(node)} is nested more than {limits.MaxDepth} levels deep");
        if (!building.Add(key))
            throw new ComparisonLimitException($"not compared: the alias at {Location(node)} refers to an anchor that contains it, which makes the value infinite (Kubernetes refuses it: \"anchor value contains itself\")");
        Step();
        CanonicalValue? value = node switch
        {
            ManifestScalar scalar => Scalar(scalar, field),
            ManifestSequence sequence => Sequence(sequence, field),
            ManifestMapping mapping => Mapping(mapping, field),
            _ => null,
        };
        building.Remove(key);
        built[key] = value;
        return value;
    }

    // Deep paths keep their first levels, where the nesting starts.
    private string Location(ManifestNode node)
    {
        const int shown = 12;
        var parts = path.Take(shown).Select((part, i) => i == 0 || part.StartsWith("[", StringComparison.Ordinal) ? part : "." + part);
        return $"{string.Concat(parts)}{(path.Count > shown ? $"… ({path.Count - shown} more levels)" : string.Empty)} (line {node.Start.Line})";
    }

    private CanonicalScalar? Scalar(ManifestScalar scalar, TemplateField field)
    {
        if (scalar.IsNull)
            return null;
        if (field == TemplateField.Quantities && Quantity(scalar.Value) is { } quantity)
            return NewScalar(CanonicalScalarKind.Quantity, quantity);
        var (kind, text) = scalar.IsPlain ? Decode(scalar.Value) : (CanonicalScalarKind.String, scalar.Value);
        return kind == CanonicalScalarKind.String && text.Length == 0 ? null : NewScalar(kind, text);
    }

    private CanonicalSequence? Sequence(ManifestSequence sequence, TemplateField field)
    {
        var items = new List<CanonicalValue>(sequence.Items.Count);
        path.Add("[]");
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            path[path.Count - 1] = $"[{i}]";
            items.Add(Build(sequence.Items[i], field) ?? NewScalar(CanonicalScalarKind.String, "null"));
        }

        path.RemoveAt(path.Count - 1);
        return items.Count == 0 ? null : NewSequence(items);
    }

    private CanonicalMapping? Mapping(ManifestMapping mapping, TemplateField field)
    {
        var entries = new SortedDictionary<string, CanonicalValue>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Value;
            if (entries.ContainsKey(name))
                continue;
            path.Add(name);
            var value = Build(entry.Value, Child(field, name, mapping));
            path.RemoveAt(path.Count - 1);
            if (value is not null && !IsZero(name, value))
                entries[name] = value;
            else if (value is null && EmptyIsMeaningful.Contains(name) && entry.Value is ManifestMapping)
                entries[name] = NewMapping([]);
        }

        ApplyDefaults(field, entries);
        return entries.Count == 0 ? null : NewMapping(entries.ToList());
    }

    private static bool IsZero(string name, CanonicalValue value) =>
        ZeroIsAbsent.Contains(name) && value is CanonicalScalar { Text: "false" or "0" };

    private static TemplateField Child(TemplateField field, string name, ManifestMapping parent) => (field, name) switch
    {
        (TemplateField.PodTemplate, "spec") => TemplateField.PodSpec,
        (TemplateField.PodSpec, "containers" or "initContainers" or "ephemeralContainers") =>
            parent.Scalar("hostNetwork")?.Value is "true" ? TemplateField.HostNetworkContainer : TemplateField.Container,
        (TemplateField.PodSpec, "volumes") => TemplateField.Volume,
        (TemplateField.PodSpec, "overhead") => TemplateField.Quantities,
        (TemplateField.PodSpec, "resources") => TemplateField.Resources,
        (TemplateField.Container, "ports") => TemplateField.ContainerPort,
        (TemplateField.HostNetworkContainer, "ports") => TemplateField.HostNetworkContainerPort,
        (TemplateField.Container or TemplateField.HostNetworkContainer, "livenessProbe" or "readinessProbe" or "startupProbe") => TemplateField.Probe,
        (TemplateField.Container or TemplateField.HostNetworkContainer, "lifecycle") => TemplateField.Lifecycle,
        (TemplateField.Container or TemplateField.HostNetworkContainer, "resources") => TemplateField.Resources,
        (TemplateField.Container or TemplateField.HostNetworkContainer, "env") => TemplateField.Env,
        (TemplateField.Lifecycle, "postStart" or "preStop") => TemplateField.LifecycleHandler,
        (TemplateField.Probe or TemplateField.LifecycleHandler, "httpGet") => TemplateField.HttpGet,
        (TemplateField.Resources, "limits" or "requests") => TemplateField.Quantities,
        (TemplateField.Quantities, _) => TemplateField.Quantities,
        (TemplateField.Env, "valueFrom") => TemplateField.EnvSource,
        (TemplateField.EnvSource, "fieldRef") => TemplateField.FieldRef,
        (TemplateField.Volume, "secret" or "configMap" or "downwardAPI" or "projected") => TemplateField.ProjectedFilesVolume,
        _ => TemplateField.Any,
    };

    private void ApplyDefaults(TemplateField field, SortedDictionary<string, CanonicalValue> entries)
    {
        switch (field)
        {
            case TemplateField.PodSpec:
                // The deprecated serviceAccount mirrors serviceAccountName.
                if (entries.TryGetValue("serviceAccount", out var account))
                {
                    entries.Remove("serviceAccount");
                    if (!entries.ContainsKey("serviceAccountName"))
                        entries["serviceAccountName"] = account;
                }

                Default(entries, "restartPolicy", "Always");
                Default(entries, "dnsPolicy", "ClusterFirst");
                Default(entries, "schedulerName", "default-scheduler");
                Default(entries, "terminationGracePeriodSeconds", CanonicalScalarKind.Integer, "30");
                Default(entries, "enableServiceLinks", CanonicalScalarKind.Boolean, "true");
                Default(entries, "securityContext", NewMapping([]));
                break;
            case TemplateField.Container or TemplateField.HostNetworkContainer:
                Default(entries, "terminationMessagePath", "/dev/termination-log");
                Default(entries, "terminationMessagePolicy", "File");
                var image = entries.TryGetValue("image", out var value) && value is CanonicalScalar scalar ? scalar.Text : string.Empty;
                Default(entries, "imagePullPolicy", ImageReference.Parse(image).DefaultPullPolicy);
                break;
            case TemplateField.ContainerPort:
                Default(entries, "protocol", "TCP");
                break;
            case TemplateField.HostNetworkContainerPort:
                Default(entries, "protocol", "TCP");
                if (entries.TryGetValue("containerPort", out var containerPort))
                    Default(entries, "hostPort", containerPort);
                break;
            case TemplateField.Probe:
                // Zero is replaced too: these fields are plain integers in the API.
                DefaultPositive(entries, "timeoutSeconds", "1");
                DefaultPositive(entries, "periodSeconds", "10");
                DefaultPositive(entries, "successThreshold", "1");
                DefaultPositive(entries, "failureThreshold", "3");
                break;
            case TemplateField.HttpGet:
                Default(entries, "path", "/");
                Default(entries, "scheme", "HTTP");
                break;
            case TemplateField.FieldRef:
                Default(entries, "apiVersion", "v1");
                break;
            case TemplateField.Volume:
                if (entries.Count == 0 || entries.Keys.All(name => name == "name"))
                    entries["emptyDir"] = NewMapping([]);
                break;
            case TemplateField.ProjectedFilesVolume:
                Default(entries, "defaultMode", CanonicalScalarKind.Integer, "420");
                break;
        }
    }

    private void Default(SortedDictionary<string, CanonicalValue> entries, string name, string text) =>
        Default(entries, name, CanonicalScalarKind.String, text);

    private void Default(SortedDictionary<string, CanonicalValue> entries, string name, CanonicalScalarKind kind, string text)
    {
        if (!entries.ContainsKey(name))
            entries[name] = NewScalar(kind, text);
    }

    private static void Default(SortedDictionary<string, CanonicalValue> entries, string name, CanonicalValue value)
    {
        if (!entries.ContainsKey(name))
            entries[name] = value;
    }

    private void DefaultPositive(SortedDictionary<string, CanonicalValue> entries, string name, string text)
    {
        if (!entries.TryGetValue(name, out var value) || value is CanonicalScalar { Kind: CanonicalScalarKind.Integer, Text: "0" })
            entries[name] = NewScalar(CanonicalScalarKind.Integer, text);
    }

    /// <summary>Decodes a plain scalar as the Kubernetes YAML decoder (YAML 1.1) does; integers in decimal form.</summary>
    internal static (CanonicalScalarKind Kind, string Text) Decode(string text)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return (CanonicalScalarKind.Boolean, "true");
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return (CanonicalScalarKind.Boolean, "false");
        }

        if (Integer(text) is { } integer)
            return (CanonicalScalarKind.Integer, integer.ToString(CultureInfo.InvariantCulture));
        if (text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return (CanonicalScalarKind.Number, number.ToString("R", CultureInfo.InvariantCulture));
        return (CanonicalScalarKind.String, text);
    }

    // YAML 1.1 integers: decimal, 0x hex, leading-zero octal (defaultMode: 0644 is 420).
    private static long? Integer(string text)
    {
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        var digits = text.TrimStart('-', '+');
        if (digits.Length == 0 || text.Length - digits.Length > 1)
            return null;
        try
        {
            if (digits.StartsWith("0x", StringComparison.Ordinal) && digits.Length > 2 &&
                long.TryParse(digits.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
                return negative ? -hex : hex;
            if (digits.Length > 1 && digits[0] == '0' && digits.All(c => c is >= '0' and <= '7'))
                return (negative ? -1 : 1) * Convert.ToInt64(digits, 8);
            return digits.All(char.IsDigit) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>A resource quantity by value (<c>100m</c> equals <c>0.1</c>, <c>1Gi</c> equals <c>1024Mi</c>); null when it does not parse.</summary>
    internal static string? Quantity(string text)
    {
        var match = QuantityPattern.Match(text);
        if (!match.Success)
            return null;
        try
        {
            var value = decimal.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (match.Groups[2].Success)
            {
                var exponent = int.Parse(match.Groups[2].Value.Substring(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                if (Math.Abs(exponent) > 28)
                    return null;
                for (var i = 0; i < Math.Abs(exponent); i++)
                    value = exponent > 0 ? value * 10 : value / 10;
            }
            else if (match.Groups[3].Success)
            {
                value *= match.Groups[3].Value switch
                {
                    "n" => 0.000000001m,
                    "u" => 0.000001m,
                    "m" => 0.001m,
                    "k" => 1e3m,
                    "M" => 1e6m,
                    "G" => 1e9m,
                    "T" => 1e12m,
                    "P" => 1e15m,
                    "E" => 1e18m,
                    "Ki" => 1024m,
                    "Mi" => 1048576m,
                    "Gi" => 1073741824m,
                    "Ti" => 1099511627776m,
                    "Pi" => 1125899906842624m,
                    _ => 1152921504606846976m,
                };
            }

            // Dividing by 1.000… drops trailing zeros, so 0.10 and 0.1 print alike.
            return (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private CanonicalScalar NewScalar(CanonicalScalarKind kind, string text)
    {
        var bytes = new byte[5 + Encoding.UTF8.GetMaxByteCount(text.Length)];
        bytes[0] = (byte)('s' + (int)kind);
        var length = Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 1);
        return new CanonicalScalar(kind, text, Hash(bytes, length + 1));
    }

    private CanonicalSequence NewSequence(List<CanonicalValue> items)
    {
        var bytes = new byte[1 + 16 * items.Count];
        bytes[0] = (byte)'[';
        for (var i = 0; i < items.Count; i++)
            Write(items[i].Digest, bytes, 1 + 16 * i);
        return new CanonicalSequence(items, Hash(bytes, bytes.Length));
    }

    private CanonicalMapping NewMapping(List<KeyValuePair<string, CanonicalValue>> entries)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)'{');
        foreach (var entry in entries)
        {
            var key = Encoding.UTF8.GetBytes(entry.Key);
            buffer.Write(BitConverter.GetBytes(key.Length), 0, 4);
            buffer.Write(key, 0, key.Length);
            var digest = new byte[16];
            Write(entry.Value.Digest, digest, 0);
            buffer.Write(digest, 0, 16);
        }

        return new CanonicalMapping(entries, Hash(buffer.GetBuffer(), (int)buffer.Length));
    }

    private ContentDigest Hash(byte[] bytes, int length)
    {
        var hash = sha.ComputeHash(bytes, 0, length);
        return new ContentDigest(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }

    private static void Write(ContentDigest digest, byte[] bytes, int offset)
    {
        Array.Copy(BitConverter.GetBytes(digest.High), 0, bytes, offset, 8);
        Array.Copy(BitConverter.GetBytes(digest.Low), 0, bytes, offset + 8, 8);
    }

    /// <summary>Nodes by reference: aliased nodes are one object, and equal-looking nodes are not the same node.</summary>
    private sealed class NodeFieldComparer : IEqualityComparer<(ManifestNode Node, TemplateField Field)>
    {
        public static NodeFieldComparer Instance { get; } = new();

        public bool Equals((ManifestNode Node, TemplateField Field) x, (ManifestNode Node, TemplateField Field) y) =>
            ReferenceEquals(x.Node, y.Node) && x.Field == y.Field;

        public int GetHashCode((ManifestNode Node, TemplateField Field) obj) =>
            (RuntimeHelpers.GetHashCode(obj.Node) * 31) + (int)obj.Field;
    }
}
