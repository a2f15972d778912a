using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidLabelSelectorRule : Rule
{
    private static readonly string[] Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8105", Name: "invalid-label-selector", Title: "A label selector breaks the selector syntax",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags label selectors the API server cannot parse: in `matchLabels`, keys that are not qualified names
            and values that are not label values; in `matchExpressions`, a key that is not a qualified name, an
            operator other than `In`, `NotIn`, `Exists` and `DoesNotExist` (case slips get a suggestion), `In` or
            `NotIn` without values, `Exists` or `DoesNotExist` with values, and values that are not label values.
            It checks the selectors of workloads, Jobs, CronJobs, PodDisruptionBudgets and NetworkPolicies, the
            selectors of topology spread constraints and pod (anti-)affinity terms, and the label-map selectors of
            Services and ReplicationControllers.

            ## Why is this bad?
            The API server rejects the object ("not a valid selector operator", "must be specified when `operator`
            is 'In' or 'NotIn'").

            ## Example
            ```yaml
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              minAvailable: 1
              selector:
                matchExpressions:
                  - {key: app, operator: in, values: [web]}
            ```

            Use instead:
            ```yaml
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              minAvailable: 1
              selector:
                matchExpressions:
                  - {key: app, operator: In, values: [web]}
            ```
            """);

    public override void Check(RuleContext context)
    {
        foreach (var selector in ApiObjects.Selectors(context))
        {
            if (selector.IsLabelMap)
            {
                InvalidLabelRule.CheckLabels(context, selector.Node, "selector");
                continue;
            }

            if (selector.Node.Mapping("matchLabels") is { } matchLabels)
                InvalidLabelRule.CheckLabels(context, matchLabels, "selector");
            foreach (var expression in ApiObjects.Items(selector.Node.Sequence("matchExpressions")))
                CheckExpression(context, expression);
        }
    }

    private static void CheckExpression(RuleContext context, ManifestMapping expression)
    {
        var path = expression.PathFrom(context.Resource.Root);
        var rejection = ApiObjects.Rejection(context);
        var key = expression["key"];
        if (key is null || key is ManifestScalar { IsNull: true })
            context.Report(expression.KeyNode("key") ?? (ManifestNode)expression, $"{path} has no key; {rejection}");
        else if (ApiObjects.Text(key) is { } keyText && NameSyntax.QualifiedNameProblem(keyText) is { } keyProblem)
            context.Report(key, $"{path}.key '{keyText}' is not a qualified name: {keyProblem}; {rejection}");

        var operatorNode = expression["operator"];
        if (operatorNode is null || operatorNode is ManifestScalar { IsNull: true })
        {
            context.Report(expression.KeyNode("operator") ?? (ManifestNode)expression, $"{path} has no operator; it needs one of {string.Join(", ", Operators)}; {rejection}");
            return;
        }

        if (ApiObjects.Text(operatorNode) is not { } op)
            return;
        if (!Operators.Contains(op, StringComparer.Ordinal))
        {
            var hint = NameSyntax.DidYouMean(op, Operators) is { } suggestion ? $" (did you mean '{suggestion}'?)" : "";
            context.Report(operatorNode, $"{path}.operator '{op}' is not a selector operator{hint}; expected one of {string.Join(", ", Operators)}; {rejection}");
            return;
        }

        var valuesNode = expression["values"];
        var values = valuesNode as ManifestSequence;
        var count = values?.Items.Count ?? 0;
        if (op is "In" or "NotIn" && count == 0 && valuesNode is null or ManifestScalar { IsNull: true } or ManifestSequence)
            context.Report(expression.KeyNode("values") ?? operatorNode, $"{path} uses {op} without values; {op} needs at least one; {rejection}");
        else if (op is "Exists" or "DoesNotExist" && count > 0)
            context.Report(expression.KeyNode("values")!, $"{path} uses {op} with values; {op} takes none; {rejection}");
        foreach (var item in values?.Items ?? [])
        {
            if (ApiObjects.Text(item) is { } value && NameSyntax.LabelValueProblem(value) is { } problem)
                context.Report(item, $"{path}.values has '{value}', which is not a valid label value: {problem}; {rejection}");
        }
    }
}
