namespace ManifestLint.Engine;

/// <summary>A check over one Kubernetes object. Rules report nodes, never bare strings, so every finding has a real position.</summary>
public abstract class Rule
{
    public abstract RuleDescriptor Descriptor { get; }

    public abstract void Check(RuleContext context);
}
