namespace ManifestLint.Engine.Reporting;

/// <summary>
/// The machine-readable report: <c>{"tool":{…},"findings":[…],"summary":{…}}</c>, findings in file, line, column,
/// rule order. Keys keep this order so the output diffs cleanly; <c>resource</c> and <c>path</c> are null for
/// findings outside an object (a syntax error, a stale comment suppression). <c>summary.baseline</c> is null without a
/// baseline, else the file, how many findings it left out and how many of its entries no longer match.
/// </summary>
public sealed class JsonReporter(ReportOptions options) : IReporter
{
    public void Write(LintResult result, TextWriter output)
    {
        var json = new JsonWriter(output);
        json.StartObject();
        json.Property("tool").StartObject()
            .Property("name", ReportOptions.ToolName)
            .Property("version", options.ToolVersion)
            .EndObject();

        json.Property("findings").StartArray();
        foreach (var finding in result.Findings.OrderBy(finding => finding, Finding.Order))
            WriteFinding(json, finding);
        json.EndArray();

        json.Property("summary").StartObject()
            .Property("files", result.Files)
            .Property("resources", result.Resources)
            .Property("errors", result.Count(RuleLevel.Error))
            .Property("warnings", result.Count(RuleLevel.Warning))
            .Property("infos", result.Count(RuleLevel.Info))
            .Property("skipped", result.Skipped.Count)
            .Property("skippedInputs").StartArray();
        foreach (var skipped in result.Skipped)
        {
            json.StartObject().Property("path", skipped.Path);
            if (skipped.Position is { } position)
                json.Property("line", position.Line).Property("column", position.Column);
            json.Property("reason", skipped.Reason).EndObject();
        }

        json.EndArray();
        json.Property("baseline");
        if (result.Baseline is { } baseline)
            json.StartObject().Property("file", baseline.File).Property("baselined", baseline.Baselined).Property("stale", baseline.Stale).EndObject();
        else
            json.Null();
        json.EndObject();
        json.EndObject();
        json.EndDocument();
    }

    private static void WriteFinding(JsonWriter json, Finding finding)
    {
        json.StartObject()
            .Property("ruleId", finding.Rule.Id)
            .Property("ruleName", finding.Rule.Name)
            .Property("severity", finding.Level.ToText())
            .Property("message", finding.Message)
            .Property("file", finding.File)
            .Property("line", finding.Start.Line)
            .Property("column", finding.Start.Column)
            .Property("endLine", finding.End.Line)
            .Property("endColumn", finding.End.Column);

        json.Property("resource");
        if (finding.Resource is { } resource)
        {
            json.StartObject()
                .Property("apiVersion", resource.ApiVersion)
                .Property("kind", resource.Kind)
                .Property("namespace", resource.Namespace)
                .Property("name", resource.Name)
                .EndObject();
        }
        else
        {
            json.Null();
        }

        json.Property("path", finding.Path)
            .Property("rejectedByApiServer", finding.Rule.RejectedByApiServer)
            .EndObject();
    }
}
