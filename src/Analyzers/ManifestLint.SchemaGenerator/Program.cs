using ManifestLint.SchemaGenerator;

// Usage:
//   ManifestLint.SchemaGenerator schema OUTPUT            the compiled schema of every built-in kind (KubernetesClient models)
//   ManifestLint.SchemaGenerator served OPENAPI_DIR OUTPUT  which group/version/kind each Kubernetes version serves
if (args is ["schema", var schemaOutput])
{
    File.WriteAllText(schemaOutput, CompiledSchemaWriter.Write());
    return 0;
}

if (args is ["served", var openApiDirectory, var servedOutput])
{
    File.WriteAllText(servedOutput, ServedKindsWriter.Write(openApiDirectory));
    return 0;
}

Console.Error.WriteLine("usage: ManifestLint.SchemaGenerator schema OUTPUT | served OPENAPI_DIR OUTPUT");
return 2;
