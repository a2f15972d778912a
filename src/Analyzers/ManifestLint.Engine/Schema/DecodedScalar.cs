using System.Globalization;
using System.Text.RegularExpressions;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Schema;

/// <summary>What JSON value a YAML scalar becomes in the Kubernetes decoder (sigs.k8s.io/yaml, YAML 1.1 resolution).</summary>
internal enum DecodedType
{
    Null,
    Bool,
    Int,
    Float,
    String,
}

internal static class DecodedScalar
{
    private static readonly Regex FloatText = new(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    // YAML 1.1 booleans as go-yaml v2 resolves them (y/n are left out: they are rare and the resolution has varied).
    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal)
    {
        "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    };

    public static DecodedType TypeOf(ManifestScalar scalar) => Decode(scalar, out _);

    /// <summary>Decodes the scalar; <paramref name="number"/> is its value when it is an Int or Float.</summary>
    public static DecodedType Decode(ManifestScalar scalar, out double number)
    {
        number = 0;
        if (!scalar.IsPlain)
            return DecodedType.String;
        var text = scalar.Value;
        if (scalar.IsNull)
            return DecodedType.Null;
        if (Booleans.Contains(text))
            return DecodedType.Bool;
        if (TryInteger(text, out var integer))
        {
            number = integer;
            return DecodedType.Int;
        }

        if (FloatText.IsMatch(text) && double.TryParse(text.Replace("_", string.Empty), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            return DecodedType.Float;
        if (text is ".inf" or ".Inf" or ".INF" or "+.inf" or "-.inf" or ".nan" or ".NaN" or ".NAN")
            return DecodedType.Float;
        return DecodedType.String;
    }

    /// <summary>A YAML 1.1 integer (decimal, 0x hex, 0b binary, leading-0 octal, '_' separators) that fits in 64 bits.</summary>
    private static bool TryInteger(string text, out double value)
    {
        value = 0;
        var digits = text.Replace("_", string.Empty);
        var negative = false;
        if (digits.Length > 0 && (digits[0] == '-' || digits[0] == '+'))
        {
            negative = digits[0] == '-';
            digits = digits.Substring(1);
        }

        if (digits.Length == 0)
            return false;
        int radix;
        if (digits.StartsWith("0x", StringComparison.Ordinal) && digits.Length > 2)
        {
            radix = 16;
            digits = digits.Substring(2);
        }
        else if (digits.StartsWith("0b", StringComparison.Ordinal) && digits.Length > 2)
        {
            radix = 2;
            digits = digits.Substring(2);
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            radix = 8;
        }
        else
        {
            radix = 10;
        }

        decimal total = 0;
        foreach (var c in digits)
        {
            var digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
            if (digit >= radix)
                return false;
            total = total * radix + digit;
            if (total > 18446744073709551615m)
                return false;
        }

        value = (double)(negative ? -total : total);
        return true;
    }

    public static string Describe(DecodedType type, ManifestScalar scalar) => type switch
    {
        DecodedType.Null => "null",
        DecodedType.Bool => $"the boolean {scalar.Value}",
        DecodedType.Int or DecodedType.Float => $"the number {scalar.Value}",
        _ => $"the string \"{Shorten(scalar.Value)}\"",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}
