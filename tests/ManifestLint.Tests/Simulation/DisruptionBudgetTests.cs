using ManifestLint.Engine;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Tests.Simulation;

public class DisruptionBudgetTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "registry.example.com/web:1.4.2"}]
        """;

    private static DisruptionBudget Budget(string numbers, string selector = "{matchLabels: {app: web}}") =>
        DisruptionBudget.From(Assert.Single(ManifestLoader.Load(new SourceFile("pdb.yaml", $$"""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              {{numbers}}
              selector: {{selector}}
            """)).Resources))!;

    // Hand-worked from disruption.go: desiredHealthy, then disruptionsAllowed = healthy - desiredHealthy, never below 0.
    [Theory]
    [InlineData("minAvailable: 2", 3, 3, 2, 1)]
    [InlineData("minAvailable: 2", 3, 2, 2, 0)]
    [InlineData("minAvailable: 2", 3, 1, 2, 0)]
    [InlineData("minAvailable: 50%", 3, 3, 2, 1)]
    [InlineData("minAvailable: 90%", 3, 3, 3, 0)]
    [InlineData("minAvailable: 90%", 10, 10, 9, 1)]
    [InlineData("maxUnavailable: 1", 4, 4, 3, 1)]
    [InlineData("maxUnavailable: 25%", 4, 4, 3, 1)]
    [InlineData("maxUnavailable: 10%", 4, 4, 3, 1)]
    [InlineData("maxUnavailable: 50%", 5, 5, 2, 3)]
    [InlineData("maxUnavailable: 50%", 5, 3, 2, 1)]
    [InlineData("maxUnavailable: 0", 4, 4, 4, 0)]
    [InlineData("maxUnavailable: 5", 4, 4, 0, 4)]
    [InlineData("minAvailable: 1", 0, 0, 1, 0)]
    public void Disruptions_allowed_follow_the_disruption_controller(string numbers, long expected, long healthy, long desiredHealthy, long allowed)
    {
        var resolved = Budget(numbers).Resolve(expected, scalable: true)!;

        Assert.Equal(desiredHealthy, resolved.DesiredHealthy);
        Assert.Equal(allowed, resolved.DisruptionsAllowed(healthy, expected));
    }

    [Theory]
    [InlineData("maxUnavailable: 1", true)]
    [InlineData("minAvailable: 50%", true)]
    [InlineData("minAvailable: 1", false)]
    public void DaemonSet_pods_only_work_with_an_integer_min_available(string numbers, bool alwaysZero)
    {
        var resolved = Budget(numbers).Resolve(5, scalable: false)!;

        Assert.Equal(alwaysZero, resolved.AlwaysZeroReason is not null);
        Assert.Equal(alwaysZero ? 0 : 4, resolved.DisruptionsAllowed(5, 5));
    }

    [Theory]
    [InlineData("{matchLabels: {app: web}}", true)]
    [InlineData("{}", true)]
    [InlineData("{matchLabels: {app: api}}", false)]
    [InlineData("{matchExpressions: [{key: app, operator: In, values: [web, api]}]}", true)]
    [InlineData("{matchExpressions: [{key: app, operator: DoesNotExist}]}", false)]
    public void Selectors_match_template_labels(string selector, bool selects)
    {
        Assert.Equal(selects, Budget("maxUnavailable: 1", selector).Selects(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Fact]
    public void A_budget_without_selector_selects_nothing_in_policy_v1()
    {
        var budget = DisruptionBudget.From(Assert.Single(ManifestLoader.Load(new SourceFile("pdb.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec: {maxUnavailable: 1}\n")).Resources))!;

        Assert.False(budget.Selects(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Budgets_and_workloads_in_different_files_are_compared_across_the_run(bool budgetFirst)
    {
        var budget = new SourceFile("pdb.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 3\n  selector: {matchLabels: {app: web}}\n");
        var workload = new SourceFile("deploy.yaml", Deployment);
        // Padding files keep the parallel workers busy, so the budget's file is often checked before the workload's is read.
        var files = new List<SourceFile>();
        for (var index = 0; index < 8; index++)
            files.Add(new SourceFile($"pad{index}.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pad" + index + "}\n"));
        files.Insert(0, budgetFirst ? budget : workload);
        files.Add(budgetFirst ? workload : budget);

        var findings = new Linter().Lint(files).Findings.Where(finding => finding.Rule.Id.StartsWith("ML61", StringComparison.Ordinal)).ToArray();

        var finding = Assert.Single(findings);
        Assert.Equal("ML6101", finding.Rule.Id);
        Assert.Equal("pdb.yaml", finding.File);
        Assert.Equal("minAvailable 3, so 3 of 3 must stay healthy (Deployment web): disruptionsAllowed stays 0 and every eviction is refused", finding.Message);
    }

    [Fact]
    public void A_file_linted_alone_compares_its_own_objects_only()
    {
        var budget = new SourceFile("pdb.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 3\n  selector: {matchLabels: {app: web}}\n");

        var findings = new Linter().LintFile(budget).Findings;

        Assert.Equal(["ML6102"], findings.Where(finding => finding.Rule.Id.StartsWith("ML61", StringComparison.Ordinal)).Select(finding => finding.Rule.Id));
    }

    [Fact]
    public void A_file_with_a_budget_is_read_once_and_checked_once_every_input_is_in()
    {
        var files = new List<SourceFile> { new("a-pdb.yaml", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  minAvailable: 3\n  selector: {matchLabels: {app: web}}\n") };
        for (var index = 0; index < 8; index++)
            files.Add(new SourceFile($"pad{index}.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pad" + index + "}\n"));
        files.Add(new SourceFile("z-deploy.yaml", Deployment));
        var reads = new int[files.Count];

        var result = new Linter().Lint(files.Count, index =>
        {
            Interlocked.Increment(ref reads[index]);
            return files[index];
        });

        Assert.All(reads, count => Assert.Equal(1, count));
        Assert.Equal(["ML6101"], result.Findings.Where(finding => finding.Rule.Id.StartsWith("ML61", StringComparison.Ordinal)).Select(finding => finding.Rule.Id));
    }

    [Fact]
    public void Suppressions_apply_to_the_budget_comparisons_made_after_every_file_is_read()
    {
        var budget = new SourceFile("a-pdb.yaml", """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              # manifestlint-disable-next-line ML6101
              minAvailable: 3
              selector: {matchLabels: {app: web}}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web-two
              annotations: {manifestlint.io/ignore: ML6103}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: web}}
            """);
        var files = new List<SourceFile> { budget };
        for (var index = 0; index < 8; index++)
            files.Add(new SourceFile($"pad{index}.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pad" + index + "}\n"));
        files.Add(new SourceFile("z-deploy.yaml", Deployment));

        var findings = new Linter().Lint(files).Findings;

        // The comment and the annotation suppress findings made only once the Deployment is read: neither is unused (ML9003).
        Assert.DoesNotContain(findings, finding => finding.Rule.Id is "ML6101" or "ML9003");
        Assert.Equal(["web"], findings.Where(finding => finding.Rule.Id == "ML6103").Select(finding => finding.Resource!.Name));
        Assert.Equal(2, new Linter().Lint([budget]).Findings.Count(finding => finding.Rule.Id == "ML9003"));
    }

    [Fact]
    public void The_run_finds_the_workloads_a_budget_selects_among_many_applications_in_input_order()
    {
        var inputs = new DisruptionInputs();
        // Registered out of input order, as parallel workers do.
        foreach (var index in new[] { 3, 0, 4, 1, 2 })
            inputs.Add(Resources($"app{index}.yaml", Workload($"web{index}", index == 4 ? "other" : "default", index < 3 ? "web" : "api")));
        inputs.Add(Resources("budgets.yaml",
            BudgetYaml("by-labels", "{matchLabels: {app: web, tier: front}}"),
            BudgetYaml("by-expression", "{matchExpressions: [{key: app, operator: In, values: [api]}]}"),
            BudgetYaml("everything", "{}"),
            BudgetYaml("no-match", "{matchLabels: {app: none}}")));
        var budgets = Resources("budgets.yaml",
            BudgetYaml("by-labels", "{matchLabels: {app: web, tier: front}}"),
            BudgetYaml("by-expression", "{matchExpressions: [{key: app, operator: In, values: [api]}]}"),
            BudgetYaml("everything", "{}"),
            BudgetYaml("no-match", "{matchLabels: {app: none}}")).Select(resource => DisruptionBudget.From(resource)!).ToArray();

        Assert.Equal(["web0", "web1", "web2"], inputs.SelectedBy(budgets[0]).Select(workload => workload.Name));
        Assert.Equal(["web3"], inputs.SelectedBy(budgets[1]).Select(workload => workload.Name));
        Assert.Equal(["web0", "web1", "web2", "web3"], inputs.SelectedBy(budgets[2]).Select(workload => workload.Name));
        Assert.Empty(inputs.SelectedBy(budgets[3]));
        Assert.Equal(["web0", "web1", "web2", "web3"], inputs.InNamespace("default").Select(workload => workload.Name));
        Assert.Equal(["by-labels", "everything"], inputs.BudgetsSelecting("default", new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }).Select(budget => budget.Name));
        Assert.Empty(inputs.BudgetsSelecting("other", new Dictionary<string, string> { ["app"] = "api", ["tier"] = "front" }));
    }

    [Fact]
    public void Remembered_answers_belong_to_their_own_selector_and_labels_and_end_when_an_object_is_added()
    {
        var inputs = new DisruptionInputs();
        for (var index = 0; index < 20; index++)
            inputs.Add(Resources($"app{index:D2}.yaml", Workload($"w{index:D2}", "default", index % 2 == 0 ? "web" : "api")));
        var budgets = Resources("budgets.yaml",
            BudgetYaml("web", "{matchExpressions: [{key: app, operator: In, values: [web]}]}"),
            BudgetYaml("api", "{matchExpressions: [{key: app, operator: In, values: [api]}]}"),
            BudgetYaml("all", "{}")).Select(resource => DisruptionBudget.From(resource)!).ToArray();
        inputs.Add(Resources("budgets.yaml",
            BudgetYaml("web", "{matchExpressions: [{key: app, operator: In, values: [web]}]}"),
            BudgetYaml("api", "{matchExpressions: [{key: app, operator: In, values: [api]}]}"),
            BudgetYaml("all", "{}")));
        for (var index = 0; index < 16; index++)
            inputs.Add(Resources($"more-budgets{index:D2}.yaml", BudgetYaml($"b{index:D2}", "{matchExpressions: [{key: app, operator: In, values: [" + (index % 2 == 0 ? "web" : "api") + "]}]}")));

        Assert.Equal(10, inputs.SelectedBy(budgets[0]).Count);
        Assert.All(inputs.SelectedBy(budgets[1]), workload => Assert.Equal("api", workload.TemplateLabels["app"]));
        Assert.Equal(20, inputs.SelectedBy(budgets[2]).Count);
        var web = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" };
        Assert.Equal(["web", "all", "b00", "b02", "b04", "b06", "b08", "b10", "b12", "b14"], inputs.BudgetsSelecting("default", web).Select(budget => budget.Name));
        Assert.Equal(10, inputs.BudgetsSelecting("default", new Dictionary<string, string> { ["app"] = "api", ["tier"] = "front" }).Count);

        inputs.Add(Resources("late.yaml", Workload("late", "default", "web"), BudgetYaml("late-pdb", "{matchLabels: {app: web}}")));

        Assert.Equal(11, inputs.SelectedBy(budgets[0]).Count);
        Assert.Contains("late-pdb", inputs.BudgetsSelecting("default", web).Select(budget => budget.Name));
    }

    [Fact]
    public void A_message_names_five_objects_and_counts_the_rest()
    {
        var yaml = string.Join("---\n", Enumerable.Range(1, 7).Select(index => BudgetYaml($"pdb{index}", "{matchLabels: {app: web}}")));

        var findings = new Linter().LintFile(new SourceFile("pdbs.yaml", Deployment + "\n---\n" + yaml)).Findings.Where(finding => finding.Rule.Id == "ML6103").ToArray();

        Assert.Equal(7, findings.Length);
        Assert.Equal(
            "the pods of Deployment web are also selected by PodDisruptionBudgets pdb2, pdb3, pdb4, pdb5, pdb6 and 1 more: the eviction API refuses to evict a pod with more than one budget",
            findings[0].Message);
    }

    private static IReadOnlyList<Resource> Resources(string path, params string[] documents) =>
        ManifestLoader.Load(new SourceFile(path, string.Join("---\n", documents))).Resources;

    private static string BudgetYaml(string name, string selector) =>
        $"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: {name}}}\nspec:\n  maxUnavailable: 1\n  selector: {selector}\n";

    private static string Workload(string name, string @namespace, string app) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          namespace: {{@namespace}}
        spec:
          selector:
            matchLabels:
              app: {{app}}
          template:
            metadata:
              labels:
                app: {{app}}
                tier: front
            spec:
              containers: [{name: web, image: "registry.example.com/web:1.4.2"}]

        """;
}
