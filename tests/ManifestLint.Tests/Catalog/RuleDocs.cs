namespace ManifestLint.Tests.Catalog;

/// <summary>A rule's markdown docs split into <c>## </c> sections; headings inside code fences are code, not sections.</summary>
internal sealed record RuleDocs(IReadOnlyList<string> Preamble, IReadOnlyList<RuleDocs.Section> Sections)
{
    public const string UseInstead = "Use instead:";

    public static RuleDocs Parse(string docs)
    {
        var preamble = new List<string>();
        var sections = new List<Section>();
        var inFence = false;
        foreach (var raw in docs.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.TrimStart().StartsWith("```", StringComparison.Ordinal))
                inFence = !inFence;
            if (!inFence && raw.StartsWith("## ", StringComparison.Ordinal))
            {
                sections.Add(new Section(raw.Substring(3).Trim(), []));
                continue;
            }

            if (sections.Count == 0)
                preamble.Add(raw);
            else
                sections[sections.Count - 1].Lines.Add(raw);
        }

        return new RuleDocs(preamble, sections);
    }

    /// <summary>The ```yaml blocks of <c>## Example</c>: those before <c>Use instead:</c>, and those after it.</summary>
    public (List<string> Examples, List<string> Fixes) ExampleBlocks()
    {
        var examples = new List<string>();
        var fixes = new List<string>();
        var example = Sections.FirstOrDefault(section => section.Heading == "Example");
        if (example is null)
            return (examples, fixes);

        List<string>? block = null;
        var afterUseInstead = false;
        foreach (var line in example.Lines)
        {
            var trimmed = line.Trim();
            if (block is null)
            {
                if (trimmed == UseInstead)
                    afterUseInstead = true;
                else if (trimmed is "```yaml" or "```yml")
                    block = [];
                continue;
            }

            if (trimmed == "```")
            {
                (afterUseInstead ? fixes : examples).Add(string.Join("\n", block) + "\n");
                block = null;
            }
            else
            {
                block.Add(line);
            }
        }

        return (examples, fixes);
    }

    internal sealed record Section(string Heading, List<string> Lines);
}
