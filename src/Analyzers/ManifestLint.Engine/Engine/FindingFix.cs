namespace ManifestLint.Engine;

/// <summary>What a <see cref="FindingFix"/> changes.</summary>
public enum FixKind
{
    /// <summary>The value the finding points at becomes <see cref="FindingFix.Value"/>.</summary>
    ReplaceValue,

    /// <summary>
    /// A copy of the list item that holds the value the finding points at, with that value replaced by
    /// <see cref="FindingFix.Value"/>, goes into the list just before the item.
    /// </summary>
    AddItemCopy,
}

/// <summary>
/// The change that resolves a finding where the rule knows the answer (a did-you-mean for a case slip, the one
/// safe value), so a host can offer it: the Roslyn analyzer turns it into a code fix.
/// </summary>
/// <param name="Title">What the change does, as an editor's menu shows it.</param>
/// <param name="IsNumber">The value is a number, written without quotes.</param>
public sealed record FindingFix(FixKind Kind, string Value, string Title, bool IsNumber = false)
{
    /// <summary>Replaces a misspelt value with the one meant.</summary>
    public static FindingFix? DidYouMean(string? suggestion) =>
        suggestion is null ? null : new FindingFix(FixKind.ReplaceValue, suggestion, $"Change to '{suggestion}'");
}
