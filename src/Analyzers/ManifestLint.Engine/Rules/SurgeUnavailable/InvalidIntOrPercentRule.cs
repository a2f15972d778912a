using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class InvalidIntOrPercentRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2001", Name: "invalid-int-or-percent", Title: "maxSurge or maxUnavailable is neither a non-negative integer nor N%",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a `maxSurge` or `maxUnavailable` that is not a non-negative integer (`1`) or a percentage string
            matching `^[0-9]+%$` (`25%`): for example `"1"` (a quoted number is a string), `"25 %"`, `"12.5%"`,
            `1.5`, `-1` or `true`.

            ## Why is this bad?
            The API server rejects the object: a decimal or a boolean cannot even be decoded, a negative integer
            "must be greater than or equal to 0", and any other string "must be a numeric string followed by an
            ending '%'". YAML quoting matters: `maxSurge: "1"` is the string "1", not the integer 1.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate:
                  maxSurge: "1"
                  maxUnavailable: 25 %
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: 25%
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            ## Known problems
            Values beside `OnDelete` or `Recreate` are left to ML1002, ML1003 and ML1008, and a StatefulSet
            `maxUnavailable` that the target version drops is left to ML2009.

            ## References
            - [maxSurge and maxUnavailable](https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable)
            """);

    public override void Check(RuleContext context)
    {
        if (ValidatedStrategy.From(context) is not { } validated)
            return;
        var block = validated.Strategy.RollingUpdate;
        Check(context, block, "maxSurge", validated.MaxSurge);
        Check(context, block, "maxUnavailable", validated.MaxUnavailable);
    }

    private static void Check(RuleContext context, ManifestMapping? block, string field, IntOrPercent? value)
    {
        if (value is { IsValid: false, Node: { } node })
            context.Report(node, $"{field} {value.Display} {value.Problem}");
        else if (block?[field] is { } structure and (ManifestMapping or ManifestSequence))
            context.Report(structure, $"{field} must be an integer or a percentage string such as \"25%\", not a {(structure is ManifestMapping ? "mapping" : "list")}");
    }
}
