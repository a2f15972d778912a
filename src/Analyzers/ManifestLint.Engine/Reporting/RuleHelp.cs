using System.Text;
using System.Text.RegularExpressions;

namespace ManifestLint.Engine.Reporting;

/// <summary>Plain-text forms of a rule's Markdown docs, for viewers that show text as it is (SARIF <c>text</c> fields).</summary>
public static class RuleHelp
{
    private static readonly Regex InlineCode = new("`([^`]*)`", RegexOptions.CultureInvariant);
    private static readonly Regex Bold = new(@"\*\*([^*]+)\*\*", RegexOptions.CultureInvariant);
    private static readonly Regex Link = new(@"\[([^\]]+)\]\(([^)]+)\)", RegexOptions.CultureInvariant);

    /// <summary>The first paragraph of "What it does", without Markdown.</summary>
    public static string Summary(RuleDescriptor rule)
    {
        var paragraph = new List<string>();
        var started = false;
        foreach (var line in Lines(rule.Docs))
        {
            if (line.StartsWith("#", StringComparison.Ordinal))
            {
                if (started)
                    break;
                continue;
            }

            if (line.Trim().Length == 0)
            {
                if (started)
                    break;
                continue;
            }

            started = true;
            paragraph.Add(line.Trim());
        }

        return paragraph.Count == 0 ? rule.Title : Inline(string.Join(" ", paragraph));
    }

    /// <summary>The whole documentation as plain text: headings become plain lines, code blocks are indented.</summary>
    public static string PlainText(RuleDescriptor rule)
    {
        var builder = new StringBuilder();
        var inCode = false;
        foreach (var line in Lines(rule.Docs))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
                builder.Append("    ").Append(line);
            else if (line.StartsWith("#", StringComparison.Ordinal))
                builder.Append(line.TrimStart('#').Trim());
            else
                builder.Append(Inline(line));
            builder.Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static string Inline(string text)
    {
        text = Link.Replace(text, "$1 ($2)");
        text = InlineCode.Replace(text, "$1");
        return Bold.Replace(text, "$1");
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');
}
