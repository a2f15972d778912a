namespace ManifestLint.Cli;

/// <summary>The process exit codes, a contract for scripts and CI.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above the <c>--fail-on</c> level.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above the <c>--fail-on</c> level (or, for <c>rollout</c>, a workload that cannot roll out).</summary>
    public const int FindingsReported = 1;

    /// <summary>Usage, I/O, configuration or internal error: one line on stderr, no stack trace.</summary>
    public const int UsageOrInputError = 2;
}
