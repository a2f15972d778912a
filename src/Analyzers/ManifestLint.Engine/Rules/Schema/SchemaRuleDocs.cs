namespace ManifestLint.Engine.Rules.Schema;

/// <summary>The descriptors and documentation of the schema rules.</summary>
internal static class SchemaRuleDocs
{
    // Spliced between raw-string pieces, so it brings the line breaks around it.
    private const string CrdExample = "\n" + """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      required: [size]
                      properties:
                        size: {type: string, enum: [small, large]}
                        replicas: {type: integer, minimum: 1}
        ---
        """ + "\n";

    public static readonly RuleDescriptor UnknownField = new(
        Id: "ML8001", Name: "unknown-field", Title: "A field the object's schema does not have",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags every key that the object's schema does not define, at the key, with the closest known field as a
            suggestion (`replica` → `replicas`, `limit` → `limits`, `selectr` → `selector`). Field names are
            case-sensitive. Built-in kinds use the Kubernetes 1.37 schema; custom resources the `openAPIV3Schema`
            of their CustomResourceDefinition (fields under `x-kubernetes-preserve-unknown-fields` are free).

            ## Why is this bad?
            `kubectl apply` uses strict field validation: the API server rejects the object with
            `unknown field "spec.replica"`. With validation off the field is silently dropped, so the setting you
            meant never takes effect.

            ## Example
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            date:
              mode: fast
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data:
              mode: fast
            ```

            ## References
            - https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
            """);

    public static readonly RuleDescriptor WrongType = new(
        Id: "ML8002", Name: "wrong-type", Title: "A value of a type the API server's decoder refuses",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags values whose type is not what the field takes, as the API server's JSON decoder sees them after
            YAML resolution: a number or boolean where a string is required (label and annotation values, env
            `value`, ConfigMap `data`, `args`), a quoted number where an integer is required, integers outside
            int32/int64 (`replicas: 3000000000`), a mapping where a list is required and the reverse, a string
            where a list of strings is required, a non-RFC 3339 date-time, Secret `data` that is not base64.
            int-or-string fields take either. Explicit tags count: `!!str 1` is the string "1", `!!int "1"` the
            integer 1. YAML 1.1 booleans (`yes`, `no`, `on`, `off`) are booleans, as in Kubernetes' decoder.

            ## Why is this bad?
            The API server refuses the whole object: `cannot unmarshal number into Go struct field EnvVar.value of
            type string`.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: app}
            spec:
              containers:
                - name: app
                  image: nginx:1.27.2
                  command: sleep 10
                  env:
                    - {name: DEBUG, value: true}
                  ports:
                    - containerPort: "80"
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: app}
            spec:
              containers:
                - name: app
                  image: nginx:1.27.2
                  command: ["sleep", "10"]
                  env:
                    - {name: DEBUG, value: "true"}
                  ports:
                    - containerPort: 80
            ```
            """);

    public static readonly RuleDescriptor InvalidQuantity = new(
        Id: "ML8003", Name: "invalid-quantity", Title: "A resource quantity that does not follow the quantity grammar",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags quantities (`resources.requests`/`limits`, `emptyDir.sizeLimit`, PVC `storage`, …) that are not a
            number with an optional suffix: decimal SI (`m`, `k`, `M`, `G`, `T`, `P`, `E`), binary SI (`Ki`, `Mi`,
            `Gi`, `Ti`, `Pi`, `Ei`) or an exponent (`1e3`). `cpu: 1` and `memory: 1Gi` are fine; `cpu: two`,
            `memory: 1GB` and `memory: 1 Gi` are not.

            ## Why is this bad?
            The API server rejects the object: `quantities must match the regular expression
            '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`.

            ## Example
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: app}
            spec:
              containers:
                - name: app
                  image: nginx:1.27.2
                  resources:
                    limits: {cpu: two, memory: 512MB}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: Pod
            metadata: {name: app}
            spec:
              containers:
                - name: app
                  image: nginx:1.27.2
                  resources:
                    limits: {cpu: "2", memory: 512Mi}
            ```
            """);

    public static readonly RuleDescriptor UnknownKind = new(
        Id: "ML8004", Name: "unknown-kind", Title: "An apiVersion/kind the target Kubernetes version does not serve",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags an `apiVersion`/`kind` pair that the target Kubernetes version (1.29 to 1.37) does not serve, with
            a suggestion for slips in the kind (`Deploymnet` → `Deployment`) or the group (`app/v1` → `apps/v1`),
            and a kind a CustomResourceDefinition of the run does not define in its group. API versions that
            ML7001 reports as removed are left to it.

            ## Why is this bad?
            `kubectl apply` answers `no matches for kind "Deploymnet" in version "apps/v1"` and creates nothing.

            ## Example
            ```yaml
            apiVersion: apps/v1
            kind: Deploymnet
            metadata: {name: web}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web}
            ```

            ## Known problems
            Alpha and beta API versions count as served in the versions whose OpenAPI document has them, whether or
            not the cluster enables them.
            """);

    public static readonly RuleDescriptor IncompleteTypeMeta = new(
        Id: "ML8005", Name: "missing-api-version-or-kind", Title: "A document with apiVersion or kind but not both",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a document (or `kind: List` item) that has one of `apiVersion` and `kind` but not the other, or
            an empty or non-string one. Documents with neither are not Kubernetes objects and stay skipped
            (values files, compose files …).

            ## Why is this bad?
            kubectl refuses the file: `error validating data: apiVersion not set` or `kind not set`.

            ## Example
            ```yaml
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: fast}
            ```

            Use instead:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: fast}
            ```
            """);

    public static readonly RuleDescriptor CustomResourceWithoutSchema = new(
        Id: "ML8006", Name: "custom-resource-without-schema", Title: "A custom resource whose schema is unknown",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Info, RejectedByApiServer: false, Since: "0.1.0",
        Docs: """
            ## What it does
            Notes a custom resource that no CustomResourceDefinition among the inputs, no `crds:` file in
            `.manifestlint.yaml` and no `--schema-location` folder describes, so its fields are not checked. Switch
            it off with `ML8006: off` under `rules:`.

            ## Why is this bad?
            Typos in such an object (`secretname:` for `secretName:`) are only found by the cluster.

            ## Example
            ```yaml
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue}
            spec: {size: small}
            ```

            Use instead:
            ```yaml
            """ + CrdExample + """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue}
            spec: {size: small}
            ```
            """);

    public static readonly RuleDescriptor InvalidCrdSchema = new(
        Id: "ML8007", Name: "invalid-crd-schema", Title: "A CustomResourceDefinition schema the API server refuses",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags what makes a CRD's `openAPIV3Schema` unusable: `$ref` (structural schemas are self-contained),
            an unknown `type`, a `pattern` that is not a regular expression, and schemas deeper than 64 levels or
            larger than 50,000 nodes. The kinds of such a version are then not checked.

            ## Why is this bad?
            The API server refuses the CustomResourceDefinition, so none of its custom resources can be created.

            ## Example
            ```yaml
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec: {type: dictionary}
            ```

            Use instead:
            ```yaml
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
            ```
            """);

    public static readonly RuleDescriptor MissingRequiredField = new(
        Id: "ML8008", Name: "custom-resource-missing-field", Title: "A field a custom resource's schema requires is missing",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Flags a custom resource that lacks a field its CRD schema lists under `required`, at the mapping's key.

            ## Why is this bad?
            The API server rejects the object: `spec.size: Required value`.

            ## Example
            ```yaml
            """ + CrdExample + """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue}
            spec: {replicas: 2}
            ```

            Use instead:
            ```yaml
            """ + CrdExample + """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue}
            spec: {size: small, replicas: 2}
            ```
            """);

    public static readonly RuleDescriptor InvalidValue = new(
        Id: "ML8009", Name: "custom-resource-invalid-value", Title: "A custom resource value its schema does not allow",
        Category: RuleCategory.ApiValidity, Level: RuleLevel.Error, RejectedByApiServer: true, Since: "0.1.0",
        Docs: """
            ## What it does
            Checks a custom resource's values against the value keywords of its CRD schema: `enum` (with a
            suggestion), `pattern`, `minimum`/`maximum` (and their exclusive forms), `minLength`/`maxLength`,
            `minItems`/`maxItems`, and `anyOf`/`oneOf`/`allOf`/`not` as structural schemas use them.

            ## Why is this bad?
            The API server rejects the object: `spec.size: Unsupported value: "medium"`.

            ## Example
            ```yaml
            """ + CrdExample + """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue}
            spec: {size: Small, replicas: 0}
            ```

            Use instead:
            ```yaml
            """ + CrdExample + """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: blue}
            spec: {size: small, replicas: 1}
            ```

            ## Known problems
            CEL rules (`x-kubernetes-validations`) are not evaluated, and `format` is checked only for `date-time`,
            `byte`, `int32` and `int64`.
            """);
}
