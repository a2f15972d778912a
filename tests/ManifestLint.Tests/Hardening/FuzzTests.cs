using System.Text;
using CsCheck;
using ManifestLint.Engine;
using ManifestLint.Engine.Loading;
using ManifestLint.Engine.Model;
using ManifestLint.Engine.Reporting;
using ManifestLint.Engine.Simulation;

namespace ManifestLint.Tests.Hardening;

/// <summary>
/// Property-based fuzzing of everything an input reaches: the loader, every rule, every reporter, the rollout
/// simulation and the change preview must finish with no exception and no ML9000. The short run here uses a fixed
/// seed; the long run is <c>MANIFESTLINT_FUZZ_ITERATIONS=100000 dotnet test --filter FullyQualifiedName~FuzzTests</c>
/// (add <c>MANIFESTLINT_FUZZ_SEED=...</c> to replay a printed seed).
/// </summary>
public sealed class FuzzTests
{
    // A hang guard per case, not a speed assertion: a correct run of these small inputs takes milliseconds.
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(30);

    private static long Iterations =>
        long.TryParse(Environment.GetEnvironmentVariable("MANIFESTLINT_FUZZ_ITERATIONS"), out var iterations) ? iterations : 200;

    private static string Seed => Environment.GetEnvironmentVariable("MANIFESTLINT_FUZZ_SEED") ?? new PCG(7, 20261204).ToString();

    private static readonly string[] Seeds =
    [
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, annotations: {manifestlint.io/ignore: ML4005}}
        spec:
          replicas: 3
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              tolerations: [{key: node-role.kubernetes.io/master, operator: Exists, effect: NoSchedule}]
              containers:
                - name: web # manifestlint-disable-line ML5003
                  image: nginx:latest
                  ports: [{containerPort: 80, hostPort: 80}]
                  readinessProbe: {httpGet: {path: /, port: 80}, successThreshold: 1}
        """,
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          replicas: 5
          serviceName: db
          updateStrategy:
            type: RollingUpdate
            rollingUpdate: {partition: 2, maxUnavailable: 2}
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "postgres:16@sha256:0000000000000000000000000000000000000000000000000000000000000000"}]
        """,
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              tolerations: [{operator: Exists}]
              containers: [{name: agent, image: fluentd, ports: [{containerPort: 24224, hostPort: 24224}]}]
        """,
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: &meta {name: p, labels: {a: b}}
            spec: {containers: [{name: c, image: "busybox:1.36"}]}
          - apiVersion: extensions/v1beta1
            kind: Deployment
            metadata: {<<: *meta, name: old}
            spec: {replicas: 1, template: {spec: {containers: [{name: c, image: " bad image "}]}}}
        ---
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json"}, "data": {"a": "1"}}
        """,
    ];

    private static readonly string[] Values =
    [
        "0", "1", "-1", "3", "10", "100", "1000", "25%", "100%", "0%", "101%", "x", "true", "null", "~", "[]", "{}", "1.5",
        "\"3\"", "'a'", "!!str 5", "!!int x", "&a {k: v}", "*a", "[*a, *a]", "{<<: *a}", "|\n  text", ">-", "\"\\u0000\"",
        "@sha256:", "nginx:latest", "Exists", "Equal", "NoExecute", "OnDelete", "Recreate", "RollingUpdate", "? [] : x",
        "{\"\": 1}", "\t", "\uFEFF", "- - - x",
    ];

    private static readonly string[] Fragments =
    [
        "[", "]", "{", "}", ":", ": ", "- ", "&a ", "*a", "*b", "!!map ", "<<: ", "#", "---\n", "...\n", "\t", "\r\n", "\0",
        "\uFEFF", "'", "\"", "|", ">", "? ", ",", "{{ x }}", "\\", "%YAML 1.1\n", "\u00e9", "\uD800",
    ];

    /// <summary>Line-level mutations of a seed: type swaps, moved and duplicated lines, indentation, anchors and aliases.</summary>
    private static readonly Gen<string> StructureMutation =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int.Array[1, 6], Gen.Int.Array[6]).Select((seed, operations, choices) =>
        {
            var lines = Seeds[seed].Split('\n').ToList();
            foreach (var operation in operations)
            {
                var line = (int)((uint)operation % (uint)lines.Count);
                var choice = (uint)choices[(int)((uint)operation % 6)];
                switch ((uint)operation / 7 % 7)
                {
                    case 0:
                        var colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
                        if (colon > 0)
                            lines[line] = lines[line].Substring(0, colon + 2) + Values[choice % Values.Length];
                        break;
                    case 1:
                        lines.Insert(line, lines[(int)(choice % (uint)lines.Count)]);
                        break;
                    case 2:
                        lines.RemoveAt(line);
                        if (lines.Count == 0)
                            lines.Add(string.Empty);
                        break;
                    case 3:
                        lines[line] = (choice % 2 == 0 ? "  " : string.Empty) + lines[line].TrimStart(' ').PadLeft(lines[line].Length - 2 < 0 ? 0 : lines[line].Length - 2);
                        break;
                    case 4:
                        lines[line] = lines[line].Replace(": ", choice % 2 == 0 ? ": &a " : ": *a ");
                        break;
                    case 5:
                        lines.Insert(line, choice % 3 == 0 ? "---" : choice % 3 == 1 ? "  <<: *a" : "# manifestlint-disable-next-line ML4005, nonsense");
                        break;
                    default:
                        lines[line] = lines[line] + " " + Values[choice % Values.Length];
                        break;
                }
            }

            return string.Join(choices[0] % 5 == 0 ? "\r\n" : "\n", lines);
        });

    /// <summary>Character-level mutations: YAML indicators, NUL, BOM, CR, tabs and lone surrogates at random places.</summary>
    private static readonly Gen<string> ByteMutation =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int.Array[1, 12]).Select((seed, operations) =>
        {
            var text = new StringBuilder(Seeds[seed]);
            foreach (var operation in operations)
            {
                var at = (int)((uint)operation % (uint)(text.Length + 1));
                var fragment = Fragments[(int)((uint)operation / 13 % (uint)Fragments.Length)];
                switch ((uint)operation / 3 % 4)
                {
                    case 0:
                        text.Insert(at, fragment);
                        break;
                    case 1 when at < text.Length:
                        text.Remove(at, Math.Min(text.Length - at, 1 + (int)((uint)operation % 9)));
                        break;
                    case 2 when at < text.Length:
                        text[at] = fragment[0];
                        break;
                    default:
                        var length = Math.Min(text.Length - at, (int)((uint)operation % 40));
                        text.Insert(at, text.ToString(at, length));
                        break;
                }
            }

            return text.ToString();
        });

    /// <summary>The hostile classes: deep nesting, alias bombs and cycles, empty keys, many documents.</summary>
    private static readonly Gen<string> Hostile =
        Gen.Select(Gen.Int[0, 7], Gen.Int[1, 3000], Gen.Int[0, Seeds.Length - 1]).Select((kind, size, seed) => kind switch
        {
            0 => "a: " + new string('[', size) + new string(']', size % 2 == 0 ? size : 0),
            1 => "a:\n" + string.Concat(Enumerable.Range(0, Math.Min(size, 300)).Select(depth => new string(' ', depth + 1) + "b:\n")),
            2 => "a: " + string.Concat(Enumerable.Repeat("- ", size)) + "x",
            3 => AliasBomb(2 + size % 10),
            4 => $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec: &s {{containers: [{{name: c, image: x}}], tolerations: [*s]}}\nargs: &a [x, *a]",
            5 => "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {\"\": &c {name: c, image: \"x:latest\"}, ? [] : *c, containers: [*c]}",
            6 => string.Concat(Enumerable.Repeat(Seeds[seed] + "\n---\n", 1 + size / 30)),
            _ => "{" + string.Concat(Enumerable.Repeat("a: {", size)) + new string('}', size),
        });

    private static string AliasBomb(int levels)
    {
        var text = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: laughs}\ndata:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < levels; level++)
            text.Append($"  l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
        return text.ToString();
    }

    [Fact]
    public void Structure_mutations_of_real_manifests_are_handled() => Check(StructureMutation);

    [Fact]
    public void Byte_mutations_are_handled() => Check(ByteMutation);

    [Fact]
    public void Hostile_inputs_are_handled() => Check(Hostile, iterationsDivisor: 3);

    private static void Check(Gen<string> inputs, int iterationsDivisor = 1) =>
        inputs.Sample(EveryPathFinishes, seed: Seed, iter: Math.Max(1, Iterations / iterationsDivisor), threads: 1);

    private static void EveryPathFinishes(string yaml)
    {
        var run = Task.Run(() => EveryPath(yaml));
        Assert.True(run.Wait(CaseLimit), "no result within the hang guard for:\n" + yaml);
    }

    private static void EveryPath(string yaml)
    {
        var file = new SourceFile("fuzz.yaml", yaml);
        var result = new Linter().Lint([file]);
        Assert.DoesNotContain(result.Findings, finding => finding.Rule.Id == "ML9000");
        foreach (var format in Reporters.Formats)
            Reporters.Create(format, new ReportOptions("0.0.0"))!.Write(result, new StringWriter());

        var resources = ManifestLoader.Load(file).Resources;
        foreach (var resource in resources)
        {
            if (Workload.From(resource) is { } workload)
                RolloutSimulator.TrySimulate(workload, RolloutOptions.Default);
        }

        var seed = ManifestLoader.Load(new SourceFile("seed.yaml", Seeds[Math.Abs(yaml.Length) % Seeds.Length])).Resources;
        ChangePreview.Compare(seed, resources);
        ChangePreview.Compare(resources, resources);
    }
}
