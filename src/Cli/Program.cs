using ManifestLint.Cli;

var environment = CliEnvironment.FromProcess();
try
{
    return ManifestLintCli.Run(args, environment);
}
finally
{
    environment.Flush();
}
