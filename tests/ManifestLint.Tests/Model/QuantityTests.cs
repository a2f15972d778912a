using ManifestLint.Engine.Model;

namespace ManifestLint.Tests.Model;

/// <summary>The quantity grammar of <c>resource.ParseQuantity</c> and exact comparisons.</summary>
public sealed class QuantityTests
{
    [Theory]
    [InlineData("1", "1000m", 0)]
    [InlineData("0.5", "500m", 0)]
    [InlineData(".5", "500m", 0)]
    [InlineData("5.", "5", 0)]
    [InlineData("1Ki", "1024", 0)]
    [InlineData("1Gi", "1073741824", 0)]
    [InlineData("1G", "1e9", 0)]
    [InlineData("1E", "1e18", 0)]
    [InlineData("1Mi", "1M", 1)]
    [InlineData("1000Mi", "1Gi", -1)]
    [InlineData("1024Mi", "1Gi", 0)]
    [InlineData("250m", "0.25", 0)]
    [InlineData("1n", "0.000000001", 0)]
    [InlineData("1u", "1000n", 0)]
    [InlineData("+2", "2", 0)]
    [InlineData("-1", "0", -1)]
    [InlineData("1e-3", "1m", 0)]
    [InlineData("1E+3", "1k", 0)]
    [InlineData("0.1", "100000001n", -1)]
    [InlineData("129e6", "128974848", 1)]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567891", -1)]
    public void Compares_exactly(string left, string right, int expected)
    {
        Assert.True(Quantity.TryParse(left, out var a), left);
        Assert.True(Quantity.TryParse(right, out var b), right);

        Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
        Assert.Equal(-expected, Math.Sign(b.CompareTo(a)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two")]
    [InlineData(".")]
    [InlineData("1.5.0")]
    [InlineData("1 Gi")]
    [InlineData("1gi")]
    [InlineData("1KB")]
    [InlineData("1e")]
    [InlineData("1e1.5")]
    [InlineData("1e99999")]
    [InlineData("Gi")]
    public void Rejects_text_outside_the_grammar(string text)
    {
        Assert.False(Quantity.TryParse(text, out _));
    }
}
