using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ManifestLint.Engine;
using ManifestLint.Engine.Reporting;

namespace ManifestLint.Cli.Commands;

/// <summary><c>manifestlint rules</c>: the rule catalog as a table, as JSON, or as the markdown of rules.md.</summary>
public static class RulesCommand
{
    public const string Usage = """
        Usage: manifestlint rules [options]

        Lists every rule: ID, name, default level, whether the API server rejects what it flags, and title.

        Options:
          --format text|markdown|json   output format (default: text); markdown is rules.md
          --output FILE                 write to FILE instead of stdout
        """;

    /// <summary>The command that regenerates rules.md; the catalog test prints it when rules.md is stale.</summary>
    public const string RegenerateCommand = "dotnet run --project src/Cli -- rules --format markdown --output rules.md";

    /// <summary>Retired rule IDs: never reused, listed under "Removed Rules" in rules.md.</summary>
    internal static IReadOnlyList<RemovedRule> RemovedRules { get; } = [];

    private static readonly string[] ValueOptions = ["--format", "--output"];
    private static readonly string[] Flags = ["--help", "-h"];
    private static readonly string[] Formats = ["text", "markdown", "json"];

    public static int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var reader = new ArgumentReader(args, ValueOptions, Flags);
        if (reader.Flag("--help") || reader.Flag("-h"))
        {
            environment.Stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        if (reader.Positionals.Count > 0)
            throw new UsageException($"rules takes no arguments, got '{reader.Positionals[0]}'; see manifestlint rules --help");
        var format = reader.Choice("--format", Formats, "text");
        var text = format switch
        {
            "markdown" => Markdown(RuleCatalog.Descriptors),
            "json" => Json(RuleCatalog.Descriptors),
            _ => Table(RuleCatalog.Descriptors),
        };
        OutputFile.Write(reader.Value("--output"), environment, writer => writer.Write(text));
        return ExitCodes.Success;
    }

    /// <summary>An aligned table, one rule per line.</summary>
    public static string Table(IReadOnlyList<RuleDescriptor> rules)
    {
        string[] header = ["ID", "NAME", "LEVEL", "REJECTED", "TITLE"];
        var rows = rules.Select(rule => new[] { rule.Id, rule.Name, rule.Level.ToText(), rule.RejectedByApiServer ? "yes" : "no", rule.Title }).ToList();
        rows.Insert(0, header);
        var widths = Enumerable.Range(0, header.Length - 1).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            for (var column = 0; column < widths.Length; column++)
                builder.Append(row[column].PadRight(widths[column])).Append("  ");
            builder.Append(row[row.Length - 1]).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>An array of rule objects with every descriptor field, for scripts.</summary>
    public static string Json(IReadOnlyList<RuleDescriptor> rules)
    {
        using var stream = new MemoryStream();
        var writerOptions = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        using (var json = new Utf8JsonWriter(stream, writerOptions))
        {
            json.WriteStartArray();
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteString("name", rule.Name);
                json.WriteString("title", rule.Title);
                json.WriteString("category", rule.Category.ToString());
                json.WriteString("level", rule.Level.ToText());
                json.WriteBoolean("rejectedByApiServer", rule.RejectedByApiServer);
                json.WriteString("since", rule.Since);
                json.WriteString("helpUri", $"{ReportOptions.DefaultRulesDocumentUri}#{rule.Anchor}");
                json.WriteString("docs", rule.Docs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>rules.md: an index table, one section per rule family and rule, and the removed rules.</summary>
    public static string Markdown(IReadOnlyList<RuleDescriptor> rules)
    {
        var builder = new StringBuilder();
        void Line(string text = "") => builder.Append(text).Append('\n');

        Line("# ManifestLint rules");
        Line();
        Line($"<!-- Generated from the rule metadata by `{RegenerateCommand}`; do not edit by hand. -->");
        Line();
        Line("Every rule has a stable ID, never reused, and a kebab-case name naming the pattern it flags. Both work in");
        Line("`.manifestlint.yaml`, in `# manifestlint-disable-line` / `# manifestlint-disable-next-line` comments and in the");
        Line("`manifestlint.io/ignore` annotation.");
        Line();
        Line("Levels: **error**: the API server rejects the object, or the rollout can never complete; **warning**: accepted");
        Line("but risky; **info**: a suggestion; **off**: opt-in, switch it on in `.manifestlint.yaml`.");
        Line();
        Line("**On C# objects**: whether the Roslyn analyzer also runs the rule on KubernetesClient objects built in C#");
        Line("(see \".NET code\" in the README). Values the code sets after construction are not followed yet.");
        Line();
        Line("## Index");
        Line();
        Line("### Active Rules");
        Line();
        Line("| ID | Name | Level | Rejected by API server | Title |");
        Line("|----|------|-------|------------------------|-------|");
        foreach (var rule in rules)
            Line($"| [{rule.Id}](#{rule.Anchor}) | `{rule.Name}` | {rule.Level.ToText()} | {(rule.RejectedByApiServer ? "yes" : "no")} | {EscapeCell(rule.Title)} |");
        Line();
        Line("### Removed Rules");
        Line();
        if (RemovedRules.Count == 0)
        {
            Line("None.");
        }
        else
        {
            Line("| ID | Name | Removed in | Reason |");
            Line("|----|------|------------|--------|");
            foreach (var removed in RemovedRules)
                Line($"| {removed.Id} | `{removed.Name}` | {removed.RemovedIn} | {EscapeCell(removed.Reason)} |");
        }

        foreach (var family in rules.GroupBy(rule => rule.Category).OrderBy(group => (int)group.Key))
        {
            Line();
            Line($"## {FamilyTitle(family.Key)} (ML{(int)family.Key}xxx)");
            foreach (var rule in family)
            {
                Line();
                // The heading's GitHub anchor is exactly RuleDescriptor.Anchor: "ML2003 name" -> "ml2003-name".
                Line($"### {rule.Id} {rule.Name}");
                Line();
                Line(EscapeInline(rule.Title));
                Line();
                Line($"Level: **{rule.Level.ToText()}** · Rejected by the API server: **{(rule.RejectedByApiServer ? "yes" : "no")}** · On C# objects: **{(rule.RunsOnCSharpObjects ? "yes" : "no")}** · Since: {rule.Since}");
                Line();
                foreach (var docLine in DemoteHeadings(rule.Docs.Trim()))
                    Line(docLine);
            }
        }

        return builder.ToString();
    }

    /// <summary>The GitHub anchor of a markdown heading: lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string GitHubAnchor(string heading)
    {
        var builder = new StringBuilder();
        foreach (var character in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(character) || character is '-' or '_')
                builder.Append(character);
            else if (character == ' ')
                builder.Append('-');
        }

        return builder.ToString();
    }

    internal static string FamilyTitle(RuleCategory category) => category switch
    {
        RuleCategory.UpdateStrategy => "Update strategy",
        RuleCategory.SurgeUnavailable => "Surge and unavailable arithmetic",
        RuleCategory.Tolerations => "Tolerations",
        RuleCategory.Images => "Images",
        RuleCategory.ReadinessHistorySelectors => "Readiness, history and selectors",
        RuleCategory.Rollout => "Rollout evaluator",
        RuleCategory.ApiVersions => "API versions",
        RuleCategory.ApiValidity => "API validity: schema and the API server's validation",
        RuleCategory.Input => "Input",
        _ => category.ToString(),
    };

    // Rule docs use "## What it does"; under a "### ML…" heading they become level 4. Code blocks stay untouched.
    private static IEnumerable<string> DemoteHeadings(string docs)
    {
        var inFence = false;
        foreach (var raw in docs.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                inFence = !inFence;
            yield return !inFence && line.StartsWith("#", StringComparison.Ordinal) ? "##" + line : line;
        }
    }

    private static string EscapeCell(string text) => EscapeInline(text).Replace("|", "\\|");

    private static string EscapeInline(string text) => text.Replace("\r", " ").Replace("\n", " ");

    internal sealed record RemovedRule(string Id, string Name, string RemovedIn, string Reason);
}
