namespace ManifestLint.Engine.Rules.Input;

/// <summary>Problems with the input itself: reported by the loader and the suppression pass, not by a <see cref="Rule"/>.</summary>
public static class InputRules
{
    public static readonly RuleDescriptor YamlSyntaxError = new(
        Id: "ML9001", Name: "yaml-syntax-error", Title: "The file is not valid YAML or JSON",
        Category: RuleCategory.Input, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Reports a YAML or JSON syntax error, with the position where the parser gave up.

            ## Why is this bad?
            `kubectl apply` refuses the whole file, and no other rule can check a document it cannot read.
            Only the broken document is lost: checking resumes at the next `---`.

            ## Example
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            data: [1, 2
            metadata: {name: broken}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: fixed}
            data: {a: "1", b: "2"}
            ```
            """);

    public static readonly RuleDescriptor DuplicateKey = new(
        Id: "ML9002", Name: "duplicate-key", Title: "A mapping has the same key twice",
        Category: RuleCategory.Input, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a key that appears twice in one mapping.

            ## Why is this bad?
            `kubectl` rejects the document ("key already set in map"); tools that accept it silently keep one of
            the values, so what you read is not what runs.

            ## Example
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              name: settings-v2
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings-v2
            ```
            """);

    public static readonly RuleDescriptor UnusedSuppression = new(
        Id: "ML9003", Name: "unused-suppression", Title: "A suppression comment or annotation suppresses nothing",
        Category: RuleCategory.Input, Level: RuleLevel.Info, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Reports a `# manifestlint-disable-line`, `# manifestlint-disable-next-line` comment or a
            `manifestlint.io/ignore` annotation entry that matches no finding, or names a rule that does not exist.

            ## Why is this bad?
            A stale suppression hides the next real problem on that line, and a misspelt rule name suppresses
            nothing at all.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: web
                  image: nginx:1.27.2 # manifestlint-disable-line ML4005
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
            ```
            """);

    public static readonly RuleDescriptor InternalError = new(
        Id: "ML9000", Name: "internal-error", Title: "A rule failed on this object",
        Category: RuleCategory.Input, Level: RuleLevel.Error, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Reports that a rule crashed while checking an object. The other rules and objects are still checked.

            ## Why is this bad?
            It is a bug in ManifestLint, not in your manifest: the rule named in the message could not judge this
            object. Please report it with the manifest that triggers it.

            ## Example
            This finding has no example: no valid or invalid manifest is meant to produce it.

            Use instead:
            Upgrade ManifestLint, or turn the failing rule off in `.manifestlint.yaml` until it is fixed.
            """);

    public static readonly RuleDescriptor InvalidConfiguration = new(
        Id: "ML9004", Name: "invalid-configuration", Title: "The ManifestLint configuration file cannot be used",
        Category: RuleCategory.Input, Level: RuleLevel.Error, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Reports a `.manifestlint.yaml` that cannot be used, at the offending key: unknown keys, unknown rule IDs
            or names, levels other than `off`, `info`, `warning` and `error`, a malformed `kubernetesVersion`.
            The CLI prints it and exits with code 2; the MSBuild task and the Roslyn analyzer report it as ML9004.

            ## Why is this bad?
            A configuration that is silently ignored changes what the linter checks without anyone noticing, so
            nothing is linted until it is fixed.

            ## Example
            ```yaml
            # .manifestlint.yaml
            rules:
              latest-tag: loud
            ```

            Use instead:
            ```yaml
            # .manifestlint.yaml
            rules:
              latest-tag: warning
            ```
            """);

    public static readonly RuleDescriptor InputLimitExceeded = new(
        Id: "ML9005", Name: "input-limit-exceeded", Title: "An input goes past one of ManifestLint's safety limits",
        Category: RuleCategory.Input, Level: RuleLevel.Error, RejectedByApiServer: false, Since: "0.2.0",
        Docs: """
            ## What it does
            Reports a file or document that goes past a limit that keeps one input from hanging a run or
            exhausting memory: file size (`maxFileSize`, 64 MB), nesting depth (`maxNestingDepth`, 1000 levels,
            aliases expanded), documents per file (`maxDocuments`, 100000) and the nodes that aliases bring in
            (`maxAliasNodes`, 100000 per document, counted as if every alias were expanded). The document (or for
            size and document count, the rest of the file) is not checked; the message names the limit.

            ## Why is this bad?
            Such input is almost always generated by mistake or crafted to attack the tools that read it ("billion
            laughs"). If yours is real, raise the limit under `limits:` in `.manifestlint.yaml` or with the CLI
            option the message names (`--max-file-size`, `--max-nesting-depth`, `--max-documents`,
            `--max-alias-nodes`).

            ## Example
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: laughs}
            data:
              a: &a [x, x, x, x, x, x, x, x, x, x]
              b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
              c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
              d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
              e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: shared}
            data:
              a: &a [x, x, x, x, x, x, x, x, x, x]
              b: [*a, *a]
            ```
            """);

    /// <summary>Input descriptors that no manifest can trigger, so they have no fixture or linted example.</summary>
    public static IReadOnlyCollection<string> WithoutManifestExample { get; } = [InternalError.Id, InvalidConfiguration.Id];

    public static IEnumerable<RuleDescriptor> All => [InternalError, YamlSyntaxError, DuplicateKey, UnusedSuppression, InvalidConfiguration, InputLimitExceeded];
}
