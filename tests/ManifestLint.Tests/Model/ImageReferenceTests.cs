using ManifestLint.Engine.Model;

namespace ManifestLint.Tests.Model;

/// <summary>The rows of k8s-semantics.md §5, then the grammar's corners one by one.</summary>
public sealed class ImageReferenceTests
{
    private const string Sha256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    // §5.2 table: image, normalised name, implicit tag (null: none), default pull policy, valid.
    [Theory]
    [InlineData("nginx", "docker.io/library/nginx", "latest", "Always")]
    [InlineData("nginx:1.27.2", "docker.io/library/nginx", null, "IfNotPresent")]
    [InlineData("nginx@sha256:" + Sha256, "docker.io/library/nginx", null, "IfNotPresent")]
    [InlineData("registry.example.com:5000/team/app:v1", "registry.example.com:5000/team/app", null, "IfNotPresent")]
    [InlineData("[fd00::1]:5000/team/app:v1", "[fd00::1]:5000/team/app", null, "IfNotPresent")]
    [InlineData("Registry.Example.com/team/app:1.0", "Registry.Example.com/team/app", null, "IfNotPresent")]
    public void Semantics_table_valid_rows(string image, string name, string? implicitTag, string pullPolicy)
    {
        var reference = ImageReference.Parse(image);

        Assert.True(reference.IsValid, reference.Problem);
        Assert.Equal(name, reference.Name);
        Assert.Equal(implicitTag is not null, reference.IsImplicitLatest);
        Assert.Equal(pullPolicy, reference.DefaultPullPolicy);
    }

    [Theory]
    [InlineData("registry.example.com/Team/App:1", "the repository path 'Team/App' must be lowercase")]
    [InlineData("nginx:", "the tag after ':' is empty")]
    [InlineData("nginx@sha256:abc123", "a sha256 digest needs 64 hex digits, got 6")]
    [InlineData("https://registry.example.com/app:1", "a URL scheme ('https://') is not part of an image reference")]
    [InlineData("team/app___name:1", "the repository path component 'app___name' joins words with '___'; separators are one '.', one '_', '__', or dashes")]
    public void Semantics_table_invalid_rows(string image, string problem)
    {
        var reference = ImageReference.Parse(image);

        Assert.False(reference.IsValid);
        Assert.Equal(problem, reference.Problem);
        Assert.Equal("IfNotPresent", reference.DefaultPullPolicy);
        Assert.Null(reference.Name);
    }

    [Fact]
    public void Tag_of_129_characters_is_refused_and_128_accepted()
    {
        var longest = ImageReference.Parse("nginx:" + new string('a', 128));
        var tooLong = ImageReference.Parse("nginx:" + new string('a', 129));

        Assert.True(longest.IsValid, longest.Problem);
        Assert.Equal(new string('a', 128), longest.Tag);
        Assert.Equal("the tag is 129 characters long; the maximum is 128", tooLong.Problem);
    }

    [Fact]
    public void Leading_whitespace_is_refused()
    {
        Assert.Equal("it has leading or trailing whitespace", ImageReference.Parse(" nginx").Problem);
        Assert.Equal("it has leading or trailing whitespace", ImageReference.Parse("nginx:1.0\n").Problem);
    }

    [Fact]
    public void Registry_port_is_not_a_tag()
    {
        var reference = ImageReference.Parse("registry:5000/app");

        Assert.True(reference.IsValid);
        Assert.Equal("registry:5000", reference.Domain);
        Assert.Equal("app", reference.Path);
        Assert.Null(reference.Tag);
        Assert.True(reference.IsImplicitLatest);
        Assert.Equal("registry:5000/app", reference.Name);
        Assert.Equal("Always", reference.DefaultPullPolicy);
    }

    [Fact]
    public void Port_without_slash_is_a_tag_on_docker_hub()
    {
        var reference = ImageReference.Parse("localhost:5000");

        Assert.Equal("docker.io/library/localhost", reference.Name);
        Assert.Equal("5000", reference.Tag);
    }

    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx")]
    [InlineData("team/app", "docker.io", "team/app")]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx")]
    [InlineData("index.docker.io/nginx", "docker.io", "library/nginx")]
    [InlineData("index.docker.io/team/app", "docker.io", "team/app")]
    [InlineData("docker.io/library/nginx", "docker.io", "library/nginx")]
    [InlineData("localhost/app", "localhost", "app")]
    [InlineData("localhost:5000/team/app", "localhost:5000", "team/app")]
    [InlineData("Registry/app", "Registry", "app")]
    [InlineData("quay.io/app", "quay.io", "app")]
    [InlineData("ghcr.io/org/team/app", "ghcr.io", "org/team/app")]
    [InlineData("[::1]/app", "[::1]", "app")]
    [InlineData("[2001:DB8::1]:443/app", "[2001:DB8::1]:443", "app")]
    [InlineData("10.0.0.1:5000/app", "10.0.0.1:5000", "app")]
    [InlineData("my-registry.local/a/b/c", "my-registry.local", "a/b/c")]
    [InlineData("a.b/c", "a.b", "c")]
    public void Domain_detection_and_docker_hub_normalisation(string image, string domain, string path)
    {
        var reference = ImageReference.Parse(image);

        Assert.True(reference.IsValid, reference.Problem);
        Assert.Equal(domain, reference.Domain);
        Assert.Equal(path, reference.Path);
    }

    [Fact]
    public void Invalid_host_that_is_a_valid_path_component_becomes_part_of_the_path()
    {
        // The registry part is optional in the grammar: "my_registry.local" fails as a host but matches as a path.
        var reference = ImageReference.Parse("my_registry.local/app:1");

        Assert.True(reference.IsValid, reference.Problem);
        Assert.Equal("", reference.Domain);
        Assert.Equal("my_registry.local/app", reference.Path);
        Assert.Equal("my_registry.local/app", reference.Name);
    }

    [Theory]
    [InlineData("a.b-c/app")]
    [InlineData("a-b/app")]
    [InlineData("a__b/c")]
    [InlineData("a.b.c/d.e_f__g---h:T_1.0-x")]
    [InlineData("app:_tag")]
    [InlineData("app:1.0-RC1")]
    [InlineData("0/1:0")]
    [InlineData("app@sha384:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("app@sha512:" + Sha256 + Sha256)]
    [InlineData("app:v1@sha256:" + Sha256)]
    [InlineData("registry:5000/app@sha256:" + Sha256)]
    public void Valid_corner_cases(string image)
    {
        var reference = ImageReference.Parse(image);

        Assert.True(reference.IsValid, reference.Problem);
    }

    [Theory]
    [InlineData("", "the image is empty")]
    [InlineData(Sha256, "a bare 64-character hex string is an image ID, not a reference")]
    [InlineData("Nginx", "the repository path 'Nginx' must be lowercase")]
    [InlineData("NGINX:latest", "the repository path 'NGINX' must be lowercase")]
    [InlineData("team/App", "the repository path 'team/App' must be lowercase")]
    [InlineData("app@SHA256:" + Sha256, "the digest algorithm 'SHA256' must be lowercase")]
    [InlineData("a..b", "the repository path component 'a..b' joins words with '..'; separators are one '.', one '_', '__', or dashes")]
    [InlineData("a._b", "the repository path component 'a._b' joins words with '._'; separators are one '.', one '_', '__', or dashes")]
    [InlineData("-app", "the repository path component '-app' starts with '-'")]
    [InlineData("app-:1", "the repository path component 'app-' ends with '-'")]
    [InlineData("team//app", "the repository path 'team//app' has an empty component")]
    [InlineData("team/app/", "the repository path 'team/app/' has an empty component")]
    [InlineData("quay.io/", "the repository path '' has an empty component")]
    [InlineData("nginx :1", "the repository path component 'nginx ' contains a space; only lowercase letters, digits and the separators '.', '_', '__' and '-' are allowed")]
    [InlineData("app:.tag", "the tag '.tag' must start with a letter, digit or '_'")]
    [InlineData("app:-tag", "the tag '-tag' must start with a letter, digit or '_'")]
    [InlineData("app:v1+build", "the tag 'v1+build' contains '+'; only letters, digits, '_', '.' and '-' are allowed")]
    [InlineData("app:1:2", "the tag '1:2' contains ':'; only letters, digits, '_', '.' and '-' are allowed")]
    [InlineData("example.com/app:tag/x", "the tag 'tag/x' contains '/'; only letters, digits, '_', '.' and '-' are allowed")]
    [InlineData("app@", "the digest after '@' is empty")]
    [InlineData("app@" + Sha256, "the digest '" + Sha256 + "' has no algorithm; it must look like 'sha256:<64 hex digits>'")]
    [InlineData("app@:" + Sha256, "the digest has no algorithm before ':'")]
    [InlineData("app@1sha:" + Sha256, "the digest algorithm '1sha' is malformed; each part must start with a letter")]
    [InlineData("app@sha256:" + Sha256 + "0", "a sha256 digest needs 64 hex digits, got 65")]
    [InlineData("app@sha256:2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE", "the sha256 digest must use lowercase hex digits")]
    [InlineData("app@sha256:" + "g" + "c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "the digest hex part contains 'g'; only hex digits are allowed")]
    [InlineData("app@md5:0123456789abcdef0123456789abcdef", "the digest algorithm 'md5' is not supported; the kubelet knows sha256, sha384 and sha512")]
    [InlineData("app@md5:0123456789abcdef", "the digest needs at least 32 hex digits, got 16")]
    [InlineData("app@sha384:" + Sha256, "a sha384 digest needs 96 hex digits, got 64")]
    [InlineData("app@sha256:" + Sha256 + "@sha256:" + Sha256, "the digest hex part contains '@'; only hex digits are allowed")]
    [InlineData("registry:/app", "the registry port '' of 'registry:' is not a number")]
    [InlineData("registry:50a/app", "the registry port '50a' of 'registry:50a' is not a number")]
    [InlineData("-registry.io/app", "the registry host '-registry.io' is not a valid host name")]
    [InlineData("registry..io/app", "the registry host 'registry..io' is not a valid host name")]
    [InlineData("My_Registry/app", "the registry host 'My_Registry' is not a valid host name")]
    [InlineData("[fe80::1%eth0]:5000/app", "the registry '[fe80::1%eth0]:5000' has an IPv6 address with characters other than hex digits and ':' (zones are not allowed)")]
    [InlineData("[::1:5000/app", "the registry '[::1:5000' opens an IPv6 address with '[' but never closes it")]
    [InlineData("[::1]x/app", "the registry '[::1]x' has 'x' after the IPv6 address")]
    [InlineData("<your-image>", "the repository path component '<your-image>' contains '<'; only lowercase letters, digits and the separators '.', '_', '__' and '-' are allowed")]
    public void Invalid_corner_cases_say_why(string image, string problem)
    {
        var reference = ImageReference.Parse(image);

        Assert.False(reference.IsValid);
        Assert.Equal(problem, reference.Problem);
    }

    [Fact]
    public void Upper_case_placeholder_is_refused_as_not_lowercase()
    {
        // The case check runs before the grammar, as in ParseNormalizedNamed.
        Assert.Equal("the repository path '<YOUR-IMAGE>' must be lowercase", ImageReference.Parse("<YOUR-IMAGE>").Problem);
    }

    [Fact]
    public void Path_of_255_characters_is_accepted_and_256_refused()
    {
        var component = new string('a', 251);
        var atLimit = ImageReference.Parse("quay.io/team/" + component.Substring(0, 250));
        var overLimit = ImageReference.Parse("quay.io/team/" + component);
        // docker.io single-component names count the library/ prefix the normaliser adds.
        var hubOverLimit = ImageReference.Parse(new string('b', 248));

        Assert.True(atLimit.IsValid, atLimit.Problem);
        Assert.Equal(255, atLimit.Path!.Length);
        Assert.Equal("the repository path is 256 characters long; the maximum is 255", overLimit.Problem);
        Assert.Equal("the repository path is 256 characters long; the maximum is 255", hubOverLimit.Problem);
    }

    [Fact]
    public void Registry_length_does_not_count_towards_the_path_limit()
    {
        var reference = ImageReference.Parse(new string('r', 60) + ".example.com/" + new string('p', 255));

        Assert.True(reference.IsValid, reference.Problem);
    }

    [Fact]
    public void Hex_of_other_length_is_a_name()
    {
        Assert.True(ImageReference.Parse(Sha256.Substring(1)).IsValid);
        Assert.Equal("docker.io/library/" + Sha256.Substring(1), ImageReference.Parse(Sha256.Substring(1)).Name);
    }

    [Fact]
    public void Tag_and_digest_keep_both_and_explicit_latest_still_defaults_to_always()
    {
        var reference = ImageReference.Parse("nginx:latest@sha256:" + Sha256);

        Assert.Equal("latest", reference.Tag);
        Assert.Equal("sha256:" + Sha256, reference.Digest);
        Assert.False(reference.IsImplicitLatest);
        Assert.Equal("Always", reference.DefaultPullPolicy);
        Assert.Equal("docker.io/library/nginx:latest@sha256:" + Sha256, reference.ToString());
    }

    [Fact]
    public void Digest_only_reference_has_no_effective_tag()
    {
        var reference = ImageReference.Parse("quay.io/team/app@sha256:" + Sha256);

        Assert.Null(reference.Tag);
        Assert.Null(reference.EffectiveTag);
        Assert.False(reference.IsLatest);
        Assert.Equal("IfNotPresent", reference.DefaultPullPolicy);
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx")]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("index.docker.io/team/app:v2", "docker.io/team/app:v2")]
    [InlineData("Registry.Example.com/team/app:1.0", "Registry.Example.com/team/app:1.0")]
    public void ToString_gives_the_normalised_reference(string image, string normalised)
    {
        Assert.Equal(normalised, ImageReference.Parse(image).ToString());
    }

    [Fact]
    public void Long_hostile_inputs_parse_in_linear_time()
    {
        var inputs = new[]
        {
            new string('a', 100_000) + "!",
            string.Concat(Enumerable.Repeat("a-", 50_000)) + "_",
            "app:" + new string('1', 100_000) + "!",
            "app@sha256:" + new string('a', 100_000),
            string.Concat(Enumerable.Repeat("a.", 50_000)) + "/app",
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var input in inputs)
            Assert.False(ImageReference.Parse(input).IsValid);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"took {watch.ElapsedMilliseconds} ms");
    }
}
