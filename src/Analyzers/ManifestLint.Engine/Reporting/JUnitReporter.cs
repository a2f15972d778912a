using System.Globalization;
using System.Text;
using System.Xml;

namespace ManifestLint.Engine.Reporting;

/// <summary>
/// JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps): one testcase per object with findings
/// (classname the file, name the object), one per file for findings outside an object, and one passing testcase
/// per clean file. Errors and warnings are failures, one per finding; infos go to the testcase's system-out.
/// </summary>
public sealed class JUnitReporter(ReportOptions options) : IReporter
{
    public void Write(LintResult result, TextWriter output)
    {
        var cases = TestCases(result);
        var failures = cases.Count(testCase => testCase.Findings.Any(IsFailure));
        // The declaration is written by hand: over a TextWriter, XmlWriter would declare the writer's UTF-16.
        output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        using (var xml = XmlWriter.Create(output, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", ReportOptions.ToolName);
            WriteCounts(xml, cases.Count, failures);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", $"{ReportOptions.ToolName} check");
            WriteCounts(xml, cases.Count, failures);
            xml.WriteAttributeString("skipped", "0");
            foreach (var testCase in cases)
                WriteTestCase(xml, testCase);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        output.Write('\n');
    }

    private sealed record TestCase(string File, string Name, IReadOnlyList<Finding> Findings);

    private static bool IsFailure(Finding finding) => finding.Level >= RuleLevel.Warning;

    private List<TestCase> TestCases(LintResult result)
    {
        var cases = new List<TestCase>();
        var withFindings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in result.Findings.OrderBy(finding => finding, Finding.Order)
                     .GroupBy(finding => (finding.File, Resource: finding.Resource?.ToString())))
        {
            withFindings.Add(group.Key.File);
            cases.Add(new TestCase(options.RepositoryPath(group.Key.File), group.Key.Resource ?? options.RepositoryPath(group.Key.File), group.ToArray()));
        }

        foreach (var file in result.FilePaths.Where(file => !withFindings.Contains(file)))
            cases.Add(new TestCase(options.RepositoryPath(file), options.RepositoryPath(file), []));
        cases.Sort((a, b) => string.CompareOrdinal(a.File, b.File) is var byFile and not 0 ? byFile : string.CompareOrdinal(a.Name, b.Name));
        return cases;
    }

    private static void WriteCounts(XmlWriter xml, int tests, int failures)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
    }

    private static void WriteTestCase(XmlWriter xml, TestCase testCase)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", XmlText(testCase.File));
        xml.WriteAttributeString("name", XmlText(testCase.Name));
        xml.WriteAttributeString("file", XmlText(testCase.File));
        foreach (var finding in testCase.Findings.Where(IsFailure))
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", finding.Rule.Id);
            xml.WriteAttributeString("message", XmlText($"{finding.Rule.Id} {finding.Message}"));
            xml.WriteString(XmlText(Describe(testCase.File, finding)));
            xml.WriteEndElement();
        }

        var infos = testCase.Findings.Where(finding => !IsFailure(finding)).ToArray();
        if (infos.Length > 0)
            xml.WriteElementString("system-out", XmlText(string.Join("\n", infos.Select(finding => Describe(testCase.File, finding)))));
        xml.WriteEndElement();
    }

    private static string Describe(string file, Finding finding) =>
        $"{file}:{finding.Start.Line}:{finding.Start.Column}: {finding.Level.ToText()}[{finding.Rule.Id}] {finding.Message}";

    /// <summary>XML 1.0 cannot hold most control characters or lone surrogates: they become U+FFFD.</summary>
    private static string XmlText(string value)
    {
        StringBuilder? builder = null;
        for (var index = 0; index < value.Length; index++)
        {
            var character = value[index];
            var valid = character is '\t' or '\n' or '\r' || (character >= 0x20 && character is < '\uD800' or > '\uDFFF' and < '\uFFFE')
                || (char.IsHighSurrogate(character) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
                || (char.IsLowSurrogate(character) && index > 0 && char.IsHighSurrogate(value[index - 1]));
            if (valid && builder is null)
                continue;
            builder ??= new StringBuilder(value, 0, index, value.Length);
            builder.Append(valid ? character : '\uFFFD');
        }

        return builder?.ToString() ?? value;
    }
}
