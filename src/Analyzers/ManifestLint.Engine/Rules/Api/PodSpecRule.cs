using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;

namespace ManifestLint.Engine.Rules.Api;

/// <summary>Where a pod-spec check reports, with the consequence its kind gives the mistake.</summary>
internal sealed class PodSpecCheck(RuleContext context, PodSpecView podSpec, string consequence)
{
    public RuleContext Context { get; } = context;

    public PodSpecView PodSpec { get; } = podSpec;

    /// <summary>The field path of <paramref name="node"/> inside the object.</summary>
    public string Path(ManifestNode node) => node.PathFrom(Context.Resource.Root);

    /// <summary>Reports <paramref name="message"/> (what is wrong, at which field) followed by what happens to the object.</summary>
    public void Report(ManifestNode node, string message, FindingFix? fix = null) => Context.Report(node, $"{message}; {consequence}", fix);

    /// <summary>Where to report something missing from the pod spec: its <c>spec</c> key, else the spec itself.</summary>
    public ManifestNode SpecAnchor => ApiObjects.KeyOf(PodSpec.Node);
}

/// <summary>
/// A rule that checks what Pod validation checks. The API server applies it to Pods and to the pod templates of every
/// kind except the StatefulSet, whose template is not Pod-validated (k8s-semantics.md §1.4 item 6): there ML8199 runs
/// the same checks as warnings, because the StatefulSet is stored and only its pods are rejected.
/// </summary>
public abstract class PodSpecRule : Rule
{
    public sealed override void Check(RuleContext context)
    {
        CheckObject(context);
        if (context.PodSpec is { IsValidatedByApiServer: true } podSpec && ApiObjects.IsBuiltIn(context.Resource))
            CheckPodSpec(new PodSpecCheck(context, podSpec, ApiObjects.Rejection(context)));
    }

    /// <summary>Checks the parts outside the pod spec, which the API server validates for every kind.</summary>
    private protected virtual void CheckObject(RuleContext context)
    {
    }

    internal abstract void CheckPodSpec(PodSpecCheck check);
}
