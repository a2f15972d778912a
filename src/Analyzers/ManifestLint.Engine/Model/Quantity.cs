using System.Numerics;

namespace ManifestLint.Engine.Model;

/// <summary>
/// A Kubernetes resource quantity (<c>resource.ParseQuantity</c>: <c>500m</c>, <c>1.5Gi</c>, <c>2e3</c>) held exactly as
/// mantissa × 10^exponent10 × 2^exponent2, so comparisons never round.
/// </summary>
public readonly struct Quantity : IComparable<Quantity>
{
    // Exponents past this are legal but absurd; refusing them keeps comparisons small.
    private const int MaxExponent = 1000;

    private static readonly (string Suffix, int Exponent10, int Exponent2)[] Suffixes =
    [
        ("Ki", 0, 10), ("Mi", 0, 20), ("Gi", 0, 30), ("Ti", 0, 40), ("Pi", 0, 50), ("Ei", 0, 60),
        ("n", -9, 0), ("u", -6, 0), ("m", -3, 0), ("k", 3, 0), ("M", 6, 0), ("G", 9, 0), ("T", 12, 0), ("P", 15, 0), ("E", 18, 0),
    ];

    private Quantity(BigInteger mantissa, int exponent10, int exponent2)
    {
        Mantissa = mantissa;
        Exponent10 = exponent10;
        Exponent2 = exponent2;
    }

    public BigInteger Mantissa { get; }

    public int Exponent10 { get; }

    public int Exponent2 { get; }

    /// <summary>Parses the quantity grammar: sign, digits with an optional fraction, then one SI/binary suffix or a decimal exponent.</summary>
    public static bool TryParse(string text, out Quantity quantity)
    {
        quantity = default;
        var position = 0;
        var negative = false;
        if (position < text.Length && text[position] is '+' or '-')
            negative = text[position++] == '-';
        var digits = new System.Text.StringBuilder();
        var fractionDigits = 0;
        var seenPoint = false;
        for (; position < text.Length; position++)
        {
            var c = text[position];
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
                if (seenPoint)
                    fractionDigits++;
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }

        if (digits.Length == 0)
            return false;
        var suffix = text.Substring(position);
        int exponent10 = -fractionDigits, exponent2 = 0;
        if (suffix.Length > 0)
        {
            if (suffix[0] is 'e' or 'E' && suffix.Length > 1 && IsSignedInteger(suffix.Substring(1)))
            {
                if (!int.TryParse(suffix.Substring(1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var exponent) ||
                    Math.Abs(exponent) > MaxExponent)
                    return false;
                exponent10 += exponent;
            }
            else
            {
                var match = Array.FindIndex(Suffixes, entry => entry.Suffix == suffix);
                if (match < 0)
                    return false;
                exponent10 += Suffixes[match].Exponent10;
                exponent2 = Suffixes[match].Exponent2;
            }
        }

        var mantissa = BigInteger.Parse(digits.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        quantity = new Quantity(negative ? -mantissa : mantissa, exponent10, exponent2);
        return true;
    }

    /// <summary>
    /// The quantity in units of 10^<paramref name="exponent10"/>, rounded up, as the scheduler reads requests
    /// (<c>MilliValue</c> for CPU: exponent -3; <c>Value</c> for memory: exponent 0); clamped to the long range.
    /// </summary>
    public long ToUnitsCeiling(int exponent10)
    {
        var numerator = Mantissa * BigInteger.Pow(2, Math.Max(0, Exponent2));
        var denominator = BigInteger.Pow(2, Math.Max(0, -Exponent2));
        var shift = Exponent10 - exponent10;
        if (shift >= 0)
            numerator *= BigInteger.Pow(10, shift);
        else
            denominator *= BigInteger.Pow(10, -shift);
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (remainder > 0)
            quotient += 1;
        return quotient > long.MaxValue ? long.MaxValue : quotient < long.MinValue ? long.MinValue : (long)quotient;
    }

    public int CompareTo(Quantity other)
    {
        var exponent10 = Math.Min(Exponent10, other.Exponent10);
        var exponent2 = Math.Min(Exponent2, other.Exponent2);
        return Scaled(exponent10, exponent2).CompareTo(other.Scaled(exponent10, exponent2));
    }

    private BigInteger Scaled(int exponent10, int exponent2) =>
        Mantissa * BigInteger.Pow(10, Exponent10 - exponent10) * BigInteger.Pow(2, Exponent2 - exponent2);

    private static bool IsSignedInteger(string text)
    {
        var start = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        return start < text.Length && text.Skip(start).All(c => c is >= '0' and <= '9');
    }
}
