using ManifestLint.Engine.Model;

namespace ManifestLint.Tests.Model;

public sealed class IntOrPercentTests
{
    /// <summary>k8s-semantics §1.1: input, form, format valid, value for the zero checks, over 100%.</summary>
    [Theory]
    [InlineData("0", IntOrPercentForm.Integer, 0, false)]
    [InlineData("5", IntOrPercentForm.Integer, 5, false)]
    [InlineData("-1", IntOrPercentForm.Invalid, -1, false)]
    [InlineData("\"0%\"", IntOrPercentForm.Percent, 0, false)]
    [InlineData("\"100%\"", IntOrPercentForm.Percent, 100, false)]
    [InlineData("\"101%\"", IntOrPercentForm.Percent, 101, true)]
    [InlineData("\"12.5%\"", IntOrPercentForm.Invalid, 0, false)]
    [InlineData("\"-10%\"", IntOrPercentForm.Invalid, 0, false)]
    [InlineData("\"20Percent\"", IntOrPercentForm.Invalid, 0, false)]
    [InlineData("\"1\"", IntOrPercentForm.Invalid, 1, false)]
    [InlineData("1.5", IntOrPercentForm.Invalid, 0, false)]
    public void Parses_the_semantics_table(string yaml, IntOrPercentForm form, long zeroCheckValue, bool over100Percent)
    {
        var value = ModelYaml.Value(yaml)!;

        Assert.Equal(form, value.Form);
        Assert.Equal(form != IntOrPercentForm.Invalid, value.IsValid);
        Assert.Equal(value.IsValid, value.Problem is null);
        Assert.Equal(zeroCheckValue, value.Value);
        Assert.Equal(over100Percent, value.IsPercent && value.Value > 100);
    }

    [Theory]
    [InlineData("25%", IntOrPercentForm.Percent, 25)]
    [InlineData("'7'", IntOrPercentForm.Invalid, 7)]
    [InlineData("\"25 %\"", IntOrPercentForm.Invalid, 0)]
    [InlineData("true", IntOrPercentForm.Invalid, 0)]
    [InlineData("\"\"", IntOrPercentForm.Invalid, 0)]
    [InlineData("2.0", IntOrPercentForm.Integer, 2)]
    [InlineData("-2.0", IntOrPercentForm.Invalid, -2)]
    [InlineData("2147483647", IntOrPercentForm.Integer, 2147483647)]
    [InlineData("2147483648", IntOrPercentForm.Invalid, 0)]
    public void Decodes_yaml_scalars_like_the_api_server(string yaml, IntOrPercentForm form, long value)
    {
        var parsed = ModelYaml.Value(yaml)!;

        Assert.Equal(form, parsed.Form);
        Assert.Equal(value, parsed.Value);
    }

    [Fact]
    public void Explains_a_quoted_number()
    {
        var value = ModelYaml.Value("\"1\"")!;

        Assert.Equal("\"1\"", value.Display);
        Assert.Contains("quoted number", value.Problem, StringComparison.Ordinal);
    }

    /// <summary>k8s-semantics §2.1: integers are returned unchanged; percentages are scaled and rounded.</summary>
    [Theory]
    [InlineData("25%", 3, true, 1)]
    [InlineData("25%", 3, false, 0)]
    [InlineData("25%", 4, false, 1)]
    [InlineData("39%", 10, true, 4)]
    [InlineData("39%", 10, false, 3)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("200%", 3, true, 6)]
    [InlineData("0%", 5, true, 0)]
    [InlineData("5", 3, false, 5)]
    [InlineData("5", 3, true, 5)]
    public void Scales_against_a_total(string yaml, long total, bool roundUp, long expected)
    {
        var value = ModelYaml.Value(yaml)!;

        Assert.True(value.TryScale(total, roundUp, out var scaled));
        Assert.Equal(expected, scaled);
        Assert.Equal(expected, value.Scale(total, roundUp));
    }

    [Fact]
    public void An_invalid_value_does_not_scale()
    {
        var value = ModelYaml.Value("oops")!;

        Assert.False(value.TryScale(10, roundUp: true, out _));
    }

    [Fact]
    public void Defaults_have_no_node()
    {
        Assert.True(IntOrPercent.Percent(25).IsDefault);
        Assert.Equal("25%", IntOrPercent.Percent(25).Display);
        Assert.False(ModelYaml.Value("25%")!.IsDefault);
    }
}
