namespace ManifestLint.Engine;

/// <summary>A check over one Kubernetes object. Rules report nodes, never bare strings, so every finding has a real position.</summary>
public abstract class Rule
{
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>
    /// True when the rule compares a PodDisruptionBudget with the run's workloads (<see cref="RuleContext.DisruptionInputs"/>):
    /// in a run of several files the linter runs it on each budget once every file is read.
    /// </summary>
    public virtual bool ComparesBudgetsWithInputs => false;

    public abstract void Check(RuleContext context);
}
