using ManifestLint.Engine.Configuration;

namespace ManifestLint.Tests.Configuration;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*.json", "a.json", true)]
    [InlineData("*.json", "deep/dir/a.json", true)]
    [InlineData("*.json", "a.yaml", false)]
    [InlineData("vendor", "vendor/x/app.yaml", true)]
    [InlineData("vendor/", "vendor/app.yaml", true)]
    [InlineData("vendor/", "src/vendor/app.yaml", true)]
    [InlineData("deploy/vendor/", "src/deploy/vendor/app.yaml", false)]
    [InlineData("deploy/vendor/", "deploy/vendor/app.yaml", true)]
    [InlineData("vendor", "src/vendor/app.yaml", true)]
    [InlineData("vendor", "vendors/app.yaml", false)]
    [InlineData("deploy/*.yaml", "deploy/a.yaml", true)]
    [InlineData("deploy/*.yaml", "deploy/sub/a.yaml", false)]
    [InlineData("deploy/**/*.yaml", "deploy/a.yaml", true)]
    [InlineData("deploy/**/*.yaml", "deploy/x/y/a.yaml", true)]
    [InlineData("deploy/**", "deploy/x/y/a.yaml", true)]
    [InlineData("**/test/*.yaml", "test/a.yaml", true)]
    [InlineData("**/test/*.yaml", "a/b/test/a.yaml", true)]
    [InlineData("app-?.yaml", "app-1.yaml", true)]
    [InlineData("app-?.yaml", "app-10.yaml", false)]
    [InlineData("a.b.yaml", "aXb.yaml", false)]
    [InlineData("./deploy/*.yaml", "deploy/a.yaml", true)]
    [InlineData("deploy/*.yaml", "./deploy/a.yaml", true)]
    [InlineData("deploy/*.yaml", "deploy\\a.yaml", true)]
    [InlineData("(x)+[y].yaml", "(x)+[y].yaml", true)]
    public void Matches_like_gitignore(string pattern, string path, bool expected) =>
        Assert.Equal(expected, new Glob(pattern).IsMatch(path));
}
