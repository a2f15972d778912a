using ManifestLint.Engine.Schema;

namespace ManifestLint.Tests.Schema;

/// <summary>The checked-in compiled schema is what the generator writes today, and the engine reads it.</summary>
public sealed class CompiledSchemaTests
{
    [Fact]
    public void Checked_in_schema_matches_the_generator_output()
    {
        var expected = SchemaGeneratorRunner.Run("schema");
        var actual = File.ReadAllText(Path.Combine(SchemaGeneratorRunner.EngineSchemaDirectory, "kubernetes.schema"));
        Assert.True(expected == actual, $"Schema/kubernetes.schema is stale: regenerate it from the repository root with\n  {SchemaGeneratorRunner.RegenerateCommand}");
    }

    [Fact]
    public void Built_in_kinds_resolve_to_their_fields_and_decoder_types()
    {
        var deployment = BuiltInSchema.ForKind("apps/v1", "Deployment")!;
        var spec = BuiltInSchema.PropertiesOf(deployment.TypeName!)["spec"];
        var specFields = BuiltInSchema.PropertiesOf(spec.TypeName!);
        Assert.Equal(ValueKind.Int32, specFields["replicas"].Kind);
        var strategy = BuiltInSchema.PropertiesOf(BuiltInSchema.PropertiesOf(specFields["strategy"].TypeName!)["rollingUpdate"].TypeName!);
        Assert.Equal(ValueKind.IntOrString, strategy["maxSurge"].Kind);

        var container = BuiltInSchema.PropertiesOf("V1Container");
        Assert.Equal(ValueKind.Array, container["args"].Kind);
        Assert.Equal(ValueKind.String, container["args"].Element!.Kind);
        var resources = BuiltInSchema.PropertiesOf(container["resources"].TypeName!);
        Assert.Equal(ValueKind.Map, resources["limits"].Kind);
        Assert.Equal(ValueKind.Quantity, resources["limits"].Element!.Kind);

        var secret = BuiltInSchema.PropertiesOf(BuiltInSchema.ForKind("v1", "Secret")!.TypeName!);
        Assert.Equal(ValueKind.Bytes, secret["data"].Element!.Kind);
        Assert.Equal(ValueKind.DateTime, BuiltInSchema.PropertiesOf("V1ObjectMeta")["creationTimestamp"].Kind);
        Assert.Equal(ValueKind.Int64, BuiltInSchema.PropertiesOf("V1ObjectMeta")["generation"].Kind);
        Assert.Contains("evictionResponders", BuiltInSchema.PropertiesOf("V1PodSpec").Keys);
        Assert.Null(BuiltInSchema.ForKind("apps/v1", "Deploymnet"));
    }

    [Fact]
    public void Served_kinds_follow_the_target_version()
    {
        var served = BuiltInSchema.ServedKindTable;
        Assert.True(served.IsServed("apps/v1", "Deployment", new(1, 29)));
        Assert.True(served.IsServed("apps/v1", "Deployment", new(1, 37)));
        Assert.False(served.IsServed("batch/v1beta1", "CronJob", new(1, 37)));
        Assert.True(served.IsServed("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", new(1, 30)));
        Assert.False(served.IsServed("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", new(1, 29)));
    }
}
