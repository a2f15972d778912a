namespace ManifestLint.Cli;

/// <summary>A problem with what the user typed or pointed at; exits 2 with the message on one line.</summary>
public sealed class UsageException(string message) : Exception(message);
