namespace ManifestLint.Engine.Rules.Tolerations;

/// <summary>The values tolerations accept (k8s-semantics.md §1.8); key and value syntax is <see cref="Model.NameSyntax"/>.</summary>
internal static class TolerationSyntax
{
    public static readonly string[] Operators = ["Exists", "Equal"];

    public static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
}
