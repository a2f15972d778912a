#!/usr/bin/env python3
"""Whole-process benchmark of `manifestlint check`, side by side with a PyYAML parse and (optionally) kubeconform.

Builds the three forms of the CLI (NativeAOT, ReadyToRun, framework-dependent JIT), then times every command on
each input in interleaved rounds (round 1: A B C …, round 2: A B C …), so load on a shared machine hits every
command alike. Each run's wall time and peak RSS come from the kernel (wait4: the figure `/usr/bin/time -f %M`
prints). Ratios are taken pair by pair within a round, then the median: quote those, not absolute times.

    bench/bench.py                                   # everything; table in artifacts/bench/results.md
    KUBECONFORM=/path/to/kubeconform bench/bench.py  # adds kubeconform -strict (KUBECONFORM_ARGS for schemas)
    bench/bench.py --forms aot --inputs one,corpus --runs 5
    bench/bench.py --forms aot --before /tmp/main/manifestlint      # adds an earlier build, e.g. main before a change

With the NativeAOT form comes `YamlDotNet parse` (bench/YamlDotNetParse, NativeAOT): YamlDotNet's parser alone over
the same files, read on the same cores and parsed one at a time as the tool does, building nothing. It is the floor
of any check that keeps YamlDotNet.

Inputs: one = samples/web-deploy.yaml; corpus = ../shared/corpus (skipped when absent); 1k/10k/100k = generated
corpora of that many documents (100 per file, made from samples/ and cached under artifacts/bench/). The `cores`
table times the NativeAOT form on one core (taskset -c 0) against both cores.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("OUT", ROOT / "artifacts" / "bench"))
RID = {"x86_64": "linux-x64", "aarch64": "linux-arm64", "arm64": "osx-arm64"}.get(platform.machine(), "linux-x64")
if sys.platform == "darwin" and platform.machine() == "x86_64":
    RID = "osx-x64"

FORMS = {
    # form: (publish arguments, description)
    "aot": (["-r", RID, "-p:ManifestLintToolForm=aot"], "NativeAOT (what `dotnet tool install` gives on this RID)"),
    "r2r": (["-r", RID, "-p:ManifestLintToolForm=r2r"], "ReadyToRun (the fallback without clang)"),
    "jit": (["-p:PublishAot=false"], "framework-dependent JIT (the `any` package)"),
}

# PyYAML with its libyaml loader, the fast parse most PyYAML users get (yaml.safe_load_all alone is pure Python and
# about ten times slower: no yardstick for a compiled tool). Pure Python only where libyaml is missing.
PYYAML = ("import sys, yaml\n"
          "loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
          "for name in sys.argv[1:]:\n"
          "    with open(name, encoding='utf-8') as f:\n"
          "        for _ in yaml.load_all(f, Loader=loader): pass\n")


def log(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def build(form: str) -> Path | None:
    arguments, _ = FORMS[form]
    target = OUT / form
    log(f"publishing {form} to {target}")
    result = subprocess.run(["dotnet", "publish", str(ROOT / "src/Cli"), "-c", "Release", "-nologo", "-v", "quiet",
                             "-nodeReuse:false", "-o", str(target), *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        log(f"skipping {form}: publish failed\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
        return None
    return target / "manifestlint"


def build_parse_floor() -> list[str] | None:
    """bench/YamlDotNetParse as NativeAOT: YamlDotNet alone, the floor of any check that keeps it as its parser."""
    target = OUT / "yamldotnet-parse"
    log(f"publishing the YamlDotNet parse floor to {target}")
    result = subprocess.run(["dotnet", "publish", str(ROOT / "bench/YamlDotNetParse"), "-c", "Release", "-nologo", "-v", "quiet",
                             "-nodeReuse:false", "-o", str(target), "-r", RID], capture_output=True, text=True)
    if result.returncode != 0:
        log(f"skipping the parse floor: publish failed\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
        return None
    return [str(target / "yamldotnet-parse")]


def generated_corpus(documents: int) -> Path:
    """`documents` manifests, 100 to a file, cycling through the samples' documents.

    Each round through the samples is one application: its objects get unique names and their own `app` label, so a
    PodDisruptionBudget selects its own Deployment, as in a repository of many services, not every copy of it.
    """
    folder = OUT / f"corpus-{documents}"
    # The marker names the generator's version: a folder made by an older one is made again.
    marker = folder / ".complete-2"
    if marker.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    templates = []
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        for document in sample.read_text(encoding="utf-8").split("\n---\n"):
            if "kind:" in document and "name:" in document:
                templates.append(document.strip("-\n") + "\n")
    per_file = 100
    for start in range(0, documents, per_file):
        parts = []
        for index in range(start, min(start + per_file, documents)):
            template = templates[index % len(templates)]
            application = index // len(templates)
            document = template.replace("name: ", f"name: g{index}-", 1)
            parts.append(re.sub(r"(?<![\w-])app: (\S+)", rf"app: \1-{application}", document))
        (folder / f"part-{start // per_file:05d}.yaml").write_text("---\n".join(parts), encoding="utf-8")
    marker.touch()
    return folder


def yaml_files(path: Path) -> list[str]:
    if path.is_file():
        return [str(path)]
    return sorted(str(p) for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def run_once(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KB and exit code of one run, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return wall, rss, process.returncode


def measure(commands: dict[str, list[str]], runs: int, warmup: int) -> dict[str, dict]:
    """Interleaved rounds; every command's walls and RSS plus, per round, its ratio to each other command."""
    walls = {name: [] for name in commands}
    rss = {name: [] for name in commands}
    codes = {name: set() for name in commands}
    for round_index in range(warmup + runs):
        for name, command in commands.items():
            wall, peak, code = run_once(command)
            codes[name].add(code)
            if round_index >= warmup:
                walls[name].append(wall)
                rss[name].append(peak)
    return {name: {"walls": walls[name], "rss": rss[name], "codes": codes[name]} for name in commands}


def ratio(results: dict, a: str, b: str) -> float | None:
    if a not in results or b not in results:
        return None
    return statistics.median(x / y for x, y in zip(results[a]["walls"], results[b]["walls"]))


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}" if seconds >= 0.1 else f"{seconds * 1000:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--forms", default="aot,r2r,jit")
    parser.add_argument("--inputs", default="one,corpus,1k,10k,100k")
    parser.add_argument("--runs", type=int, default=10, help="counted rounds for one manifest and the corpus")
    parser.add_argument("--large-runs", type=int, default=3, help="counted rounds for the generated corpora")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--no-build", action="store_true", help="reuse the forms already under artifacts/bench")
    parser.add_argument("--no-cores", action="store_true", help="skip the one-core/two-core table")
    parser.add_argument("--before", metavar="BINARY", help="an earlier build of the CLI, timed in the same rounds under the name `before`")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    binaries: dict[str, list[str]] = {}
    for form in args.forms.split(","):
        binary = OUT / form / "manifestlint" if args.no_build else build(form)
        if binary is not None and binary.exists():
            binaries[form] = [str(binary)]
        elif binary is not None and binary.with_suffix(".dll").exists():
            # A framework-dependent build without an apphost, as in the `any` tool package.
            binaries[form] = ["dotnet", str(binary.with_suffix(".dll"))]

    if args.before:
        binaries["before"] = [str(Path(args.before).resolve())]

    floor = None
    if "aot" in binaries:
        floor_binary = OUT / "yamldotnet-parse" / "yamldotnet-parse"
        floor = ([str(floor_binary)] if floor_binary.exists() else None) if args.no_build else build_parse_floor()

    corpus = Path(os.environ.get("CORPUS", ROOT.parent / "shared" / "corpus"))
    inputs: dict[str, Path] = {}
    for name in args.inputs.split(","):
        if name == "one":
            inputs["one manifest"] = ROOT / "samples" / "web-deploy.yaml"
        elif name == "corpus":
            if corpus.is_dir():
                inputs[f"corpus ({len(yaml_files(corpus))} files)"] = corpus
            else:
                log(f"skipping the corpus: no folder {corpus}")
        else:
            count = int(name.rstrip("k")) * (1000 if name.endswith("k") else 1)
            inputs[f"{count:,} documents"] = generated_corpus(count)

    kubeconform = os.environ.get("KUBECONFORM")
    kubeconform_args = shlex.split(os.environ.get("KUBECONFORM_ARGS", "-strict -summary"))
    rows = []
    lines: list[str] = []

    def write_table() -> None:
        """Rewritten after every input, so an interrupted run keeps what it measured."""
        lines[:] = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores, "
                    f"load average {os.getloadavg()[0]:.1f}; medians of interleaved rounds, ratios taken round by round.", "",
                    "| input | command | median ms | min ms | × PyYAML | × kubeconform | peak RSS MB |",
                    "|---|---|---:|---:|---:|---:|---:|"]
        for label, name, median, low, vs_yaml, vs_kc, peak, bad in rows:
            note = f" (exit {bad})" if bad else ""
            lines.append(f"| {label} | {name}{note} | {fmt_ms(median)} | {fmt_ms(low)} | "
                         f"{'' if vs_yaml is None else f'{vs_yaml:.2f}'} | {'' if vs_kc is None else f'{vs_kc:.2f}'} | {peak:.0f} |")
        (OUT / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

    for label, path in inputs.items():
        commands = {form: [*binary, "check", str(path)] for form, binary in binaries.items()}
        if floor:
            commands["YamlDotNet parse"] = [*floor, str(path)]
        commands["PyYAML parse"] = [sys.executable, "-c", PYYAML, *yaml_files(path)]
        if kubeconform:
            commands["kubeconform"] = [kubeconform, *kubeconform_args, str(path)]
        runs = args.runs if label.startswith(("one", "corpus")) else args.large_runs
        log(f"{label}: {runs} interleaved rounds of {', '.join(commands)}")
        results = measure(commands, runs, args.warmup)
        for name, result in results.items():
            bad = sorted(code for code in result["codes"] if code not in (0, 1))
            rows.append((label, name, statistics.median(result["walls"]), min(result["walls"]),
                         ratio(results, name, "PyYAML parse"), ratio(results, name, "kubeconform"),
                         statistics.median(result["rss"]) / 1024, bad))
        write_table()


    if not args.no_cores and "aot" in binaries and Path("/usr/bin/taskset").exists():
        lines += ["", "NativeAOT on one core (`taskset -c 0`) against both cores:", "",
                  "| input | one core ms | two cores ms | speed-up |", "|---|---:|---:|---:|"]
        for label, path in inputs.items():
            if label.startswith("one"):
                continue
            command = [*binaries["aot"], "check", str(path)]
            runs = args.runs if label.startswith("corpus") else args.large_runs
            log(f"{label}: one core against two, {runs} rounds")
            results = measure({"one": ["taskset", "-c", "0", *command], "two": command}, runs, args.warmup)
            lines.append(f"| {label} | {fmt_ms(statistics.median(results['one']['walls']))} | "
                         f"{fmt_ms(statistics.median(results['two']['walls']))} | {ratio(results, 'one', 'two'):.2f}× |")

    table = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
