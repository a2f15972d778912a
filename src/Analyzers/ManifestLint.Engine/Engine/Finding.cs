using ManifestLint.Engine.Loading;

namespace ManifestLint.Engine;

/// <summary>One problem at one place: the only type that crosses from the engine to the reporters.</summary>
/// <param name="Path">Field path inside the object, e.g. <c>spec.strategy.rollingUpdate.maxUnavailable</c>.</param>
public sealed record Finding(
    RuleDescriptor Rule,
    RuleLevel Level,
    string Message,
    string File,
    SourcePosition Start,
    SourcePosition End,
    ResourceId? Resource,
    string? Path)
{
    /// <summary>The change that resolves the finding, when the rule knows it.</summary>
    public FindingFix? Fix { get; init; }

    /// <summary>The order every output uses: file, line, column, rule.</summary>
    public static readonly IComparer<Finding> Order = Comparer<Finding>.Create((a, b) =>
    {
        var byFile = string.CompareOrdinal(a.File, b.File);
        if (byFile != 0)
            return byFile;
        var byLine = a.Start.Line.CompareTo(b.Start.Line);
        if (byLine != 0)
            return byLine;
        var byColumn = a.Start.Column.CompareTo(b.Start.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(a.Rule.Id, b.Rule.Id);
    });
}
