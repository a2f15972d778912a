using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Readiness;

public sealed class MissingReadinessProbeRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML5003", Name: "missing-readiness-probe", Title: "A container of a rolling workload has no readinessProbe",
        Category: RuleCategory.ReadinessHistorySelectors, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags each regular container without a `readinessProbe` (and without a `startupProbe`) in a Deployment,
            DaemonSet or StatefulSet that uses the `RollingUpdate` strategy after defaulting.

            ## Why is this bad?
            Without a probe a container is ready the moment it starts. A rolling update then counts a pod that is
            still booting, or crash-looping a second later, as available, and goes on to replace the next old pod:
            `maxUnavailable` and `minReadySeconds` protect nothing, and a broken release takes every replica down.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27.2
                      readinessProbe:
                        httpGet: {path: /healthz, port: 80}
            ```

            ## Known problems
            A `startupProbe` also keeps a new container unready until it passes, which is what a rollout needs, so
            a container with only a startup probe is not flagged. Sidecars (init containers with
            `restartPolicy: Always`), plain init containers and ephemeral containers are not checked: the pod's
            main containers decide whether the release works. `Recreate` and `OnDelete` workloads are not checked.

            ## References
            - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
            """);

    public override void Check(RuleContext context)
    {
        if (context.Workload is not { } workload || !RollsUpdates(workload))
            return;
        foreach (var container in context.Containers())
        {
            if (container.Kind != ContainerKind.Container || container.Node.ContainsKey("readinessProbe") || container.Node.ContainsKey("startupProbe"))
                continue;
            var at = (Loading.ManifestNode?)container.Node.Scalar("name") ?? container.Node;
            context.Report(at, $"{container.Describe()} has no readinessProbe: the {workload.Strategy.Type} rollout counts its pods available as soon as they start");
        }
    }

    private static bool RollsUpdates(Workload workload)
    {
        if (workload.Strategy.TypeNode is { Value.Length: > 0 })
            return workload.Strategy.IsRollingUpdate;
        // The removed beta APIs defaulted these kinds to OnDelete; apps/v1 defaults every kind to RollingUpdate.
        var defaultsToOnDelete =
            (workload.Kind == WorkloadKind.DaemonSet && workload.Resource.ApiVersion == "extensions/v1beta1") ||
            (workload.Kind == WorkloadKind.StatefulSet && workload.Resource.ApiVersion == "apps/v1beta1");
        return !defaultsToOnDelete;
    }
}
