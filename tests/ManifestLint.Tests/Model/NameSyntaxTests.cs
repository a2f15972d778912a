using ManifestLint.Engine.Model;

namespace ManifestLint.Tests.Model;

/// <summary>The apimachinery syntax checks, valid and invalid examples of each.</summary>
public sealed class NameSyntaxTests
{
    [Theory]
    [InlineData("web", true)]
    [InlineData("web-1", true)]
    [InlineData("1web", true)]
    [InlineData("Web", false)]
    [InlineData("web_1", false)]
    [InlineData("web.1", false)]
    [InlineData("-web", false)]
    [InlineData("web-", false)]
    [InlineData("", false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", true)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void Dns_label(string value, bool valid) => Assert.Equal(valid, NameSyntax.DnsLabelProblem(value) is null);

    [Theory]
    [InlineData("web.example.com", true)]
    [InlineData("web..example", false)]
    [InlineData("Web.example", false)]
    [InlineData("web.-example", false)]
    public void Dns_subdomain(string value, bool valid) => Assert.Equal(valid, NameSyntax.DnsSubdomainProblem(value) is null);

    [Theory]
    [InlineData("web", true)]
    [InlineData("1web", false)]
    public void Dns_1035_label(string value, bool valid) => Assert.Equal(valid, NameSyntax.Dns1035LabelProblem(value) is null);

    [Theory]
    [InlineData("http", true)]
    [InlineData("http-alt", true)]
    [InlineData("h2c", true)]
    [InlineData("metrics-port-01", true)]
    [InlineData("metrics-port-012", false)]
    [InlineData("8080", false)]
    [InlineData("HTTP", false)]
    [InlineData("http--alt", false)]
    [InlineData("-http", false)]
    [InlineData("http_alt", false)]
    [InlineData("", false)]
    public void Port_name(string value, bool valid) => Assert.Equal(valid, NameSyntax.PortNameProblem(value) is null);

    [Theory]
    [InlineData("MY_VAR", true)]
    [InlineData("my.var-1", true)]
    [InlineData("1VAR", true)]
    [InlineData("MY VAR", true)]
    [InlineData("A=B", false)]
    [InlineData("", false)]
    [InlineData("TAB\tVAR", false)]
    [InlineData("CAFÉ", false)]
    public void Environment_variable_name(string value, bool valid) => Assert.Equal(valid, NameSyntax.EnvVarNameProblem(value) is null);

    [Theory]
    [InlineData("app", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("Example.com/name", false)]
    [InlineData("a/b/c", false)]
    [InlineData("/name", false)]
    [InlineData("example.com/", false)]
    [InlineData("team name", false)]
    public void Qualified_name(string value, bool valid) => Assert.Equal(valid, NameSyntax.QualifiedNameProblem(value) is null);

    [Theory]
    [InlineData("", true)]
    [InlineData("v1.2_b-3", true)]
    [InlineData("-v1", false)]
    [InlineData("web:1", false)]
    public void Label_value(string value, bool valid) => Assert.Equal(valid, NameSyntax.LabelValueProblem(value) is null);
}
