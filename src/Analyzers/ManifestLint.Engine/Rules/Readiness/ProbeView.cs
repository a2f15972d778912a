using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Readiness;

/// <summary>One probe of a container that may carry probes: regular containers and sidecars (restartable init containers).</summary>
internal sealed record ProbeView(ContainerView Container, string Field, ManifestScalar Key, ManifestMapping Node)
{
    public static readonly string[] HandlerFields = ["exec", "httpGet", "tcpSocket", "grpc"];

    private static readonly string[] ProbeFields = ["readinessProbe", "livenessProbe", "startupProbe"];

    /// <summary>The handler keys that are set (a null value is an unset pointer), in written order.</summary>
    public IEnumerable<ManifestScalar> Handlers() =>
        Node.Entries
            .Where(entry => HandlerFields.Contains(entry.Key.Value, StringComparer.Ordinal) && entry.Value is not ManifestScalar { IsNull: true })
            .Select(entry => entry.Key);

    public string Describe() => $"{Field} of {Container.Describe()}";

    public static IEnumerable<ProbeView> All(RuleContext context)
    {
        foreach (var container in context.Containers())
        {
            var mayHaveProbes = container.Kind == ContainerKind.Container ||
                (container.Kind == ContainerKind.InitContainer && container.Node.String("restartPolicy") == "Always");
            if (!mayHaveProbes)
                continue;
            foreach (var field in ProbeFields)
            {
                if (container.Node.KeyNode(field) is { } key && container.Node.Mapping(field) is { } probe)
                    yield return new ProbeView(container, field, key, probe);
            }
        }
    }
}
