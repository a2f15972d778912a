using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

public sealed class RequestsExceedLimitsRule : PodSpecRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8128", Name: "requests-exceed-limits", Title: "A resource request is above its limit",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a container (or pod-level) `resources.requests` entry that is greater than the `limits` entry of
            the same resource. Quantities are compared exactly, units included (`1Gi` is 1024 `Mi`, `500m` is
            `0.5`).

            ## Why is this bad?
            The API server rejects the object ("must be less than or equal to memory limit of 512Mi"). Mixed
            units are the usual cause: `1G` is less than `1Gi`.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  resources:
                    requests: {cpu: 500m, memory: 1Gi}
                    limits: {cpu: "1", memory: 1000Mi}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  resources:
                    requests: {cpu: 500m, memory: 1Gi}
                    limits: {cpu: "1", memory: 1Gi}
            ```

            ## Known problems
            Quantities that do not parse are the schema check's finding and are not compared.
            """);

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        Check(check, check.PodSpec.Node.Mapping("resources"));
        foreach (var container in check.PodSpec.Containers())
            Check(check, container.Node.Mapping("resources"));
    }

    private static void Check(PodSpecCheck check, ManifestMapping? resources)
    {
        if (resources?.Mapping("requests") is not { } requests || resources.Mapping("limits") is not { } limits)
            return;
        foreach (var request in requests.Entries)
        {
            if (request.Value is not ManifestScalar { IsNull: false } requested || limits[request.Key.Value] is not ManifestScalar { IsNull: false } limit ||
                !Quantity.TryParse(requested.Value, out var requestQuantity) || !Quantity.TryParse(limit.Value, out var limitQuantity))
                continue;
            if (requestQuantity.CompareTo(limitQuantity) > 0)
                check.Report(requested, $"{check.Path(requested)} is {requested.Value}, above the {request.Key.Value} limit of {limit.Value}");
        }
    }
}
