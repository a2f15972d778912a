using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidTopologySpreadConstraintRule : PodSpecRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8129", Name: "invalid-topology-spread-constraint", Title: "A topology spread constraint is incomplete or out of range",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a `topologySpreadConstraints` entry whose `maxSkew` is missing or not above 0, whose `minDomains`
            is not above 0 or is set while `whenUnsatisfiable` is not `DoNotSchedule`, whose `topologyKey` is
            missing or not a qualified name, whose `whenUnsatisfiable` is missing, or that repeats the
            `topologyKey` and `whenUnsatisfiable` of an earlier entry.

            ## Why is this bad?
            The API server rejects the object ("must be greater than zero", "Required value").

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web, labels: {app: web}}
            spec:
              topologySpreadConstraints:
                - maxSkew: 0
                  whenUnsatisfiable: DoNotSchedule
                  labelSelector: {matchLabels: {app: web}}
              containers:
                - {name: web, image: "nginx:1.27.2"}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web, labels: {app: web}}
            spec:
              topologySpreadConstraints:
                - maxSkew: 1
                  topologyKey: topology.kubernetes.io/zone
                  whenUnsatisfiable: DoNotSchedule
                  labelSelector: {matchLabels: {app: web}}
              containers:
                - {name: web, image: "nginx:1.27.2"}
            ```

            ## Known problems
            A `whenUnsatisfiable` value outside `DoNotSchedule` and `ScheduleAnyway` is ML8111's finding.
            """);

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var constraint in ApiObjects.Items(check.PodSpec.Node.Sequence("topologySpreadConstraints")))
        {
            var path = check.Path(constraint);
            var anchor = constraint.Entries.Count > 0 ? constraint.Entries[0].Key : (ManifestNode)constraint;
            var maxSkew = constraint["maxSkew"];
            if (maxSkew is null or ManifestScalar { IsNull: true })
                check.Report(anchor, $"{path} has no maxSkew; it must be greater than 0");
            else if (ApiObjects.Integer(maxSkew) is <= 0 and var skew)
                check.Report(maxSkew, $"{path}.maxSkew is {skew}; it must be greater than 0");

            var when = constraint["whenUnsatisfiable"];
            var whenText = ApiObjects.Text(when) ?? "";
            if (when is null or ManifestScalar { IsNull: true } or ManifestScalar { Value.Length: 0 })
                check.Report((ManifestNode?)constraint.KeyNode("whenUnsatisfiable") ?? anchor, $"{path}.whenUnsatisfiable is required: DoNotSchedule or ScheduleAnyway");
            if (constraint["minDomains"] is { } minDomains && ApiObjects.Integer(minDomains) is { } domains)
            {
                if (domains <= 0)
                    check.Report(minDomains, $"{path}.minDomains is {domains}; it must be greater than 0");
                else if (whenText != "DoNotSchedule")
                    check.Report(minDomains, $"{path}.minDomains is set but whenUnsatisfiable is {(whenText.Length == 0 ? "not set" : whenText)}; minDomains needs DoNotSchedule");
            }

            var key = constraint["topologyKey"];
            if (key is null or ManifestScalar { IsNull: true } or ManifestScalar { Value.Length: 0 })
                check.Report((ManifestNode?)constraint.KeyNode("topologyKey") ?? anchor, $"{path}.topologyKey is required");
            else if (ApiObjects.Text(key) is { } keyText)
            {
                if (NameSyntax.QualifiedNameProblem(keyText) is { } problem)
                    check.Report(key, $"{path}.topologyKey '{keyText}' is not a qualified name: {problem}");
                else if (whenText.Length > 0 && !seen.Add((keyText, whenText)))
                    check.Report(key, $"{path} repeats topologyKey {keyText} with whenUnsatisfiable {whenText} of an earlier constraint");
            }
        }
    }
}
