using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Tests.Model;

/// <summary>Builds IntOrPercent values from real YAML, so quoting and number decoding are the loader's.</summary>
internal static class ModelYaml
{
    /// <summary>Parses <c>value: {yaml}</c>; "nil" gives null (the field is absent).</summary>
    public static IntOrPercent? Value(string yaml)
    {
        if (yaml == "nil")
            return null;
        var root = (ManifestMapping)YamlTreeReader.Read($"value: {yaml}\n").Documents[0]!;
        return IntOrPercent.Parse(root.Scalar("value")!);
    }
}
