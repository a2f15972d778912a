using System.Collections.Immutable;
using ManifestLint.Engine;
using ManifestLint.Engine.Rules.Input;
using ManifestLint.Engine.Reporting;
using Microsoft.CodeAnalysis;

namespace ManifestLint.Analyzers;

/// <summary>One <see cref="DiagnosticDescriptor"/> per rule of <see cref="RuleCatalog"/>.</summary>
public static class ManifestDiagnostics
{
    /// <summary>The descriptor of every catalog rule, keyed by rule ID.</summary>
    public static ImmutableDictionary<string, DiagnosticDescriptor> ByRuleId { get; } =
        RuleCatalog.Descriptors.ToImmutableDictionary(rule => rule.Id, Create, StringComparer.Ordinal);

    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        ByRuleId.Values.OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>ML9004: the project's <c>.manifestlint.yaml</c> cannot be used.</summary>
    public static DiagnosticDescriptor InvalidConfiguration => ByRuleId[InputRules.InvalidConfiguration.Id];

    /// <summary>
    /// Every descriptor is enabled by default: the engine itself leaves out rules that are off, and the analyzer
    /// runs an off rule when .manifestlint.yaml, the per-file key or a .globalconfig severity switches it on.
    /// </summary>
    internal static DiagnosticDescriptor Create(RuleDescriptor rule) => new(
        rule.Id,
        rule.Title,
        "{0}",
        rule.Category.ToString(),
        ToSeverity(rule.Level),
        isEnabledByDefault: true,
        description: WhatItDoes(rule.Docs),
        helpLinkUri: $"{ReportOptions.DefaultRulesDocumentUri}#{rule.Anchor}",
        customTags: rule.Level == RuleLevel.Off ? ["ManifestLintOffByDefault"] : []);

    public static DiagnosticSeverity ToSeverity(RuleLevel level) => level switch
    {
        RuleLevel.Error => DiagnosticSeverity.Error,
        RuleLevel.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    /// <summary>The text under <c>## What it does</c>, the one-paragraph description IDEs show.</summary>
    internal static string WhatItDoes(string docs)
    {
        const string heading = "## What it does";
        var start = docs.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
            return string.Empty;
        start += heading.Length;
        var end = docs.IndexOf("\n##", start, StringComparison.Ordinal);
        return (end < 0 ? docs.Substring(start) : docs.Substring(start, end - start)).Trim();
    }
}
