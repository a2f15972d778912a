using System.Globalization;
using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine.Model;

public enum IntOrPercentForm
{
    Integer,
    Percent,
    Invalid,
}

/// <summary>
/// A Kubernetes IntOrString such as <c>maxSurge</c>: a non-negative integer or an <c>N%</c> string
/// (k8s-semantics §1.1). Quoted values are strings, so <c>"1"</c> is an invalid percent, not the integer 1.
/// </summary>
public sealed class IntOrPercent
{
    private IntOrPercent(IntOrPercentForm form, long value, string text, ManifestScalar? node, string? problem)
    {
        Form = form;
        Value = value;
        Text = text;
        Node = node;
        Problem = problem;
    }

    public IntOrPercentForm Form { get; }

    /// <summary>The integer, the percentage, or for invalid input the number the API server's zero checks use.</summary>
    public long Value { get; }

    /// <summary>The value as written (or as defaulted).</summary>
    public string Text { get; }

    /// <summary>The written node; null when the value comes from Kubernetes defaulting.</summary>
    public ManifestScalar? Node { get; }

    public bool IsDefault => Node is null;

    /// <summary>Why the value is invalid; null when it is valid.</summary>
    public string? Problem { get; }

    public bool IsValid => Form != IntOrPercentForm.Invalid;

    public bool IsZero => Value == 0;

    public bool IsPercent => Form == IntOrPercentForm.Percent;

    public bool IsInteger => Form == IntOrPercentForm.Integer;

    /// <summary>How a message shows the value: <c>25%</c>, <c>1</c>, or the written text of an invalid value.</summary>
    public string Display => Form switch
    {
        IntOrPercentForm.Percent => $"{Value.ToString(CultureInfo.InvariantCulture)}%",
        IntOrPercentForm.Integer => Value.ToString(CultureInfo.InvariantCulture),
        _ => Node is null or { IsString: true } ? $"\"{Text}\"" : Text,
    };

    public static IntOrPercent Integer(long value) =>
        new(IntOrPercentForm.Integer, value, value.ToString(CultureInfo.InvariantCulture), null, null);

    public static IntOrPercent Percent(long percent) =>
        new(IntOrPercentForm.Percent, percent, $"{percent.ToString(CultureInfo.InvariantCulture)}%", null, null);

    public static IntOrPercent Parse(ManifestScalar node)
    {
        var text = node.Value;
        if (node.TryGetInteger(out var integer))
        {
            if (integer < 0)
                return new IntOrPercent(IntOrPercentForm.Invalid, integer, text, node, "must be greater than or equal to 0");
            // The integer form is an int32; anything larger fails to decode.
            return integer > int.MaxValue
                ? new IntOrPercent(IntOrPercentForm.Invalid, 0, text, node, "does not fit in a 32-bit integer: the API server cannot decode it")
                : new IntOrPercent(IntOrPercentForm.Integer, integer, text, node, null);
        }

        if (node.IsNonIntegerNumber)
        {
            // YAML floats reach the API server as JSON numbers: a whole one such as 1.0 decodes as the integer 1.
            var isWhole = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) &&
                          Math.Abs(number) <= int.MaxValue && Math.Floor(number).Equals(number);
            if (!isWhole)
                return new IntOrPercent(IntOrPercentForm.Invalid, 0, text, node, "is not a whole number: the API server cannot decode it into an integer");
            return number < 0
                ? new IntOrPercent(IntOrPercentForm.Invalid, (long)number, text, node, "must be greater than or equal to 0")
                : new IntOrPercent(IntOrPercentForm.Integer, (long)number, text, node, null);
        }

        if (node.IsBoolean)
            return new IntOrPercent(IntOrPercentForm.Invalid, 0, text, node, "is a boolean, not an integer or percentage");

        if (TryParsePercent(text, out var percent))
            return new IntOrPercent(IntOrPercentForm.Percent, percent, text, node, null);

        // The API server's zero checks read a non-percent string with a plain integer parse, 0 when that fails.
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var zeroCheckValue);
        var problem = IsDigits(text)
            ? "is a quoted number, which Kubernetes reads as a string: write it unquoted or as a percentage such as \"" + text + "%\""
            : "must be a non-negative integer or a percentage such as \"25%\"";
        return new IntOrPercent(IntOrPercentForm.Invalid, zeroCheckValue, text, node, problem);
    }

    /// <summary>
    /// Resolves against a total: integers are returned unchanged; percentages are scaled and rounded up or down
    /// (apimachinery GetScaledValueFromIntOrPercent). Invalid values resolve to 0.
    /// </summary>
    public long Scale(long total, bool roundUp) => TryScale(total, roundUp, out var value) ? value : 0;

    /// <summary>Like <see cref="Scale"/>, but false for an invalid value, where the controllers fail with an error.</summary>
    public bool TryScale(long total, bool roundUp, out long value)
    {
        switch (Form)
        {
            case IntOrPercentForm.Integer:
                value = Value;
                return true;
            case IntOrPercentForm.Percent:
                // decimal keeps percent * total exact for any value a manifest can hold.
                var exact = (decimal)Value * total / 100m;
                var rounded = roundUp ? Math.Ceiling(exact) : Math.Floor(exact);
                value = rounded > long.MaxValue ? long.MaxValue : (long)rounded;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    public override string ToString() => Text;

    private static bool TryParsePercent(string text, out long percent)
    {
        percent = 0;
        return text.Length >= 2 && text[text.Length - 1] == '%' && IsDigits(text.Substring(0, text.Length - 1)) &&
               long.TryParse(text.Substring(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out percent);
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(c => c is >= '0' and <= '9');
}
