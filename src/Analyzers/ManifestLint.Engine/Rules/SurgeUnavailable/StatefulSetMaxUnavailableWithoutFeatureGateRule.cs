using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.SurgeUnavailable;

public sealed class StatefulSetMaxUnavailableWithoutFeatureGateRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML2009", Name: "statefulset-max-unavailable-without-feature-gate", Title: "StatefulSet maxUnavailable is dropped: the target version's feature gate is off",
        Category: RuleCategory.SurgeUnavailable, Level: RuleLevel.Warning, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags `spec.updateStrategy.rollingUpdate.maxUnavailable` on a StatefulSet when the target Kubernetes
            version (`kubernetesVersion` in `.manifestlint.yaml`) does not enable the `MaxUnavailableStatefulSet`
            feature gate by default: it was alpha (off) before 1.35, on in 1.35.0–1.35.3, switched off again from
            1.35.4 and in all of 1.36 (after a regression with `podManagementPolicy: Parallel`), and is on from 1.37.
            A target without a patch (`"1.35"`) means the newest patch of that version, so `"1.35"` is off and
            `"1.35.3"` is on.

            ## Why is this bad?
            With the gate off the API server drops the field before validation, without an error: the StatefulSet
            still updates one pod at a time, so a rollout planned to take minutes takes far longer, and even an
            invalid value such as `0` goes unnoticed until the gate is switched on.

            ## Example
            With `kubernetesVersion: "1.36"`:
            ```yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: cache
            spec:
              serviceName: cache
              replicas: 6
              podManagementPolicy: Parallel
              selector:
                matchLabels: {app: cache}
              updateStrategy:
                type: RollingUpdate
                rollingUpdate:
                  maxUnavailable: 2
              template:
                metadata:
                  labels: {app: cache}
                spec:
                  containers:
                    - name: cache
                      image: redis:7.4.1
            ```

            Use instead:
            ```yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: cache
            spec:
              serviceName: cache
              replicas: 6
              podManagementPolicy: Parallel
              selector:
                matchLabels: {app: cache}
              updateStrategy:
                type: RollingUpdate
              template:
                metadata:
                  labels: {app: cache}
                spec:
                  containers:
                    - name: cache
                      image: redis:7.4.1
            ```

            ## Known problems
            A cluster can switch the gate on (or off) explicitly; the rule only knows the default of the target
            version. Where the gate is on (1.35.0–1.35.3, 1.37+) the rule is silent and the other ML2xxx rules judge
            the value instead.

            ## References
            - [StatefulSet maximum unavailable pods](https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#maximum-unavailable-pods)
            """);

    public override void Check(RuleContext context)
    {
        var version = context.KubernetesVersion;
        if (RolloutMath.MaxUnavailableStatefulSetEnabled(version) ||
            context.Workload is not { Kind: WorkloadKind.StatefulSet, Strategy: { IsRollingUpdate: true, RollingUpdate: { } block } } ||
            block["maxUnavailable"] is not { } node || node is Loading.ManifestScalar { IsNull: true })
            return;
        var gate = version >= RolloutMath.MaxUnavailableStatefulSetSwitchedOff
            ? $"the MaxUnavailableStatefulSet feature gate is off by default from {RolloutMath.MaxUnavailableStatefulSetSwitchedOff} and in all of 1.36 (on again from {RolloutMath.MaxUnavailableStatefulSetOnByDefault})"
            : "the MaxUnavailableStatefulSet feature gate is alpha and off by default before 1.35";
        context.Report(node, $"maxUnavailable is dropped on Kubernetes {version}: {gate}, so pods are updated one at a time");
    }
}
