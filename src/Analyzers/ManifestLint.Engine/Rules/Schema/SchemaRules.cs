using ManifestLint.Engine.Schema;

namespace ManifestLint.Engine.Rules.Schema;

/// <summary>
/// The schema rules (ML80xx). One walk per object finds every schema problem (<see cref="RuleContext.SchemaProblems"/>);
/// each rule reports its own, and stays quiet where another rule already reported the same node.
/// </summary>
internal static class SchemaRules
{
    /// <summary>Schema problems the loader finds before there is an object to run rules on.</summary>
    public static IEnumerable<RuleDescriptor> LoadProblems => [SchemaRuleDocs.IncompleteTypeMeta];

    public static IEnumerable<Rule> All =>
    [
        new SchemaProblemRule(SchemaRuleDocs.UnknownField),
        new SchemaProblemRule(SchemaRuleDocs.WrongType),
        new SchemaProblemRule(SchemaRuleDocs.InvalidQuantity),
        new SchemaProblemRule(SchemaRuleDocs.UnknownKind),
        new SchemaProblemRule(SchemaRuleDocs.CustomResourceWithoutSchema),
        new SchemaProblemRule(SchemaRuleDocs.InvalidCrdSchema),
        new SchemaProblemRule(SchemaRuleDocs.MissingRequiredField),
        new SchemaProblemRule(SchemaRuleDocs.InvalidValue),
    ];
}

internal sealed class SchemaProblemRule(RuleDescriptor descriptor) : Rule
{
    public override RuleDescriptor Descriptor { get; } = descriptor;

    public override void Check(RuleContext context)
    {
        foreach (var problem in context.SchemaProblems)
        {
            if (problem.RuleId == Descriptor.Id && !context.HasFindingAt(problem.Node))
                context.Report(problem.Node, problem.Message);
        }
    }
}
