using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Rules.Readiness;

namespace ManifestLint.Engine.Rules.Api;

public sealed class InvalidProbeRule : PodSpecRule
{
    private static readonly string[] CountFields = ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"];

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "ML8126", Name: "invalid-probe", Title: "A probe has a negative number, a misplaced grace period or an invalid port",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags probes the API server refuses: a negative `initialDelaySeconds`, `timeoutSeconds`,
            `periodSeconds`, `successThreshold` or `failureThreshold`; `terminationGracePeriodSeconds` on a
            readiness probe, or one that is not above 0 elsewhere; a `tcpSocket`, `httpGet` or `grpc` handler
            without a port or with a port outside 1–65535 or a port name that is not an IANA service name; an `exec`
            handler without a command.

            ## Why is this bad?
            The API server rejects the object ("must not be set for readinessProbes", "must be between 1 and
            65535, inclusive"). `tcpSocket: {}` usually lost its port in an edit.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2
                  readinessProbe:
                    tcpSocket: {}
                    terminationGracePeriodSeconds: 10
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
                  readinessProbe:
                    tcpSocket: {port: 80}
            ```

            ## Known problems
            A probe without a handler or with two is ML5008's finding; a liveness or startup `successThreshold`
            other than 1 is ML5009's.
            """);

    internal override void CheckPodSpec(PodSpecCheck check)
    {
        foreach (var probe in ProbeView.All(check.Context))
        {
            var isReadiness = probe.Field == "readinessProbe";
            foreach (var field in CountFields)
            {
                // ML5009 reports every liveness/startup successThreshold other than 0 or 1.
                if (field == "successThreshold" && !isReadiness)
                    continue;
                if (probe.Node[field] is { } node && ApiObjects.Integer(node) is < 0 and var value)
                    check.Report(node, $"{check.Path(node)} is {value}; it must be 0 or more");
            }

            if (probe.Node["terminationGracePeriodSeconds"] is { } grace && grace is not ManifestScalar { IsNull: true })
            {
                if (isReadiness)
                    check.Report(probe.Node.KeyNode("terminationGracePeriodSeconds")!, $"{check.Path(grace)} is set; readiness probes may not set terminationGracePeriodSeconds");
                else if (ApiObjects.Integer(grace) is <= 0 and var seconds)
                    check.Report(grace, $"{check.Path(grace)} is {seconds}; it must be greater than 0");
            }

            CheckPort(check, probe.Node.Mapping("tcpSocket"), "tcpSocket", allowName: true);
            CheckPort(check, probe.Node.Mapping("httpGet"), "httpGet", allowName: true);
            CheckPort(check, probe.Node.Mapping("grpc"), "grpc", allowName: false);
            if (probe.Node.Mapping("exec") is { } exec && exec["command"] is null or ManifestScalar { IsNull: true } or ManifestSequence { Items.Count: 0 })
                check.Report(probe.Node.KeyNode("exec")!, $"{check.Path(exec)} has no command");
        }
    }

    private static void CheckPort(PodSpecCheck check, ManifestMapping? handler, string field, bool allowName)
    {
        if (handler is null)
            return;
        var port = handler["port"];
        if (port is null or ManifestScalar { IsNull: true })
        {
            check.Report(ApiObjects.KeyOf(handler), $"{check.Path(handler)} has no port; it needs a port number{(allowName ? " or name" : "")}");
        }
        else if (ApiObjects.Integer(port) is { } number)
        {
            if (!NameSyntax.IsPortNumber(number))
                check.Report(port, $"{check.Path(port)} is {number}; it must be between 1 and 65535");
        }
        else if (allowName && ApiObjects.Text(port) is { } name && NameSyntax.PortNameProblem(name) is { } problem)
        {
            check.Report(port, $"{check.Path(port)} '{name}' is neither a port number nor a valid port name: {problem}");
        }
    }
}
