using ManifestLint.Cli;

return ManifestLintCli.Run(args, CliEnvironment.FromProcess());
