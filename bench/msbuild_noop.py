#!/usr/bin/env python3
"""What the .NET hosts add to a no-op build of a project with 200 manifests (issue 10, point 6).

Packs ManifestLint.MsBuild and ManifestLint.Analyzers into a local feed, makes projects side by side (none, the
MSBuild task, the analyzer), each with 200 manifests under k8s/, 20 `*.k8s.yaml` files in src/ and a node_modules/
folder of 5,000 files (a tree the `**/*.k8s.yaml` glob must not walk), builds them once, then times no-op
`dotnet build --no-restore` of each in interleaved rounds, each round starting with the next project. With --before REF the packages are also packed from that
commit (`git archive`, so no worktree is added) and its two projects join the same rounds: before and after under the
same load.

Every timed build runs with -clp:PerformanceSummary, so each round gives, besides wall and CPU time (user + system of
the build's process tree), MSBuild's own evaluation time, the time of ManifestLint's targets and of the two SDK
targets that grow with AdditionalFiles (the analyzer's manifests); "added" is the median
over rounds of the difference to the project without a package in the same round. Then, from extra builds: the
evaluation profile of ManifestLint's elements (-profileevaluation), and the analyzer's time per compilation
(-p:ReportAnalyzer=true, after touching a C# file so the compiler runs).

    bench/msbuild_noop.py [--runs 10] [--before main]     # table in artifacts/bench/msbuild-noop.md
"""
from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("OUT", ROOT / "artifacts" / "bench")) / "msbuild-noop"
MANIFEST = (ROOT / "samples" / "web-deploy.yaml").read_text(encoding="utf-8")
ENV = {**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1", "MSBUILDDISABLENODEREUSE": "1"}
PACKAGES = ("src/MsBuildTask/ManifestLint.MsBuild.csproj", "src/Analyzers/ManifestLint.Analyzers/ManifestLint.Analyzers.csproj")
NO_OP = ("build", "--no-restore", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:q", "-clp:PerformanceSummary")


def dotnet(*arguments: str, cwd: Path) -> str:
    result = subprocess.run(["dotnet", *arguments], cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"dotnet {' '.join(arguments)} failed:\n{result.stdout[-4000:]}{result.stderr[-2000:]}")
    return result.stdout


def timed(*arguments: str, cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the process tree, and the output of one dotnet command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    output = dotnet(*arguments, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), output


# SDK targets whose work grows with the manifests the analyzer package passes as AdditionalFiles: the editorconfig
# section per file (its ManifestLint metadata) and CoreCompile's up-to-date check of every input.
ANALYZER_TARGETS = ("GenerateMSBuildEditorConfigFileCore", "CoreCompile")


def summary_figures(output: str) -> tuple[float, float, float]:
    """From -clp:PerformanceSummary: evaluation ms (all evaluations), the ms of ManifestLint's targets, and of ANALYZER_TARGETS."""
    evaluation = re.search(r"Project Evaluation Performance Summary:\s*\n((?:\s*\d+ ms .*\n)+)", output)
    evaluation_ms = sum(int(m) for m in re.findall(r"^\s*(\d+) ms", evaluation.group(1), re.MULTILINE)) if evaluation else float("nan")
    targets = re.search(r"Target Performance Summary:\s*\n((?:\s*\d+ ms .*\n)+)", output)
    block = targets.group(1) if targets else ""
    target_ms = sum(int(m) for m in re.findall(r"^\s*(\d+) ms\s+_?ManifestLint\w*\s", block, re.MULTILINE))
    sdk_ms = sum(int(m) for m in re.findall(rf"^\s*(\d+) ms\s+(?:{'|'.join(ANALYZER_TARGETS)})\s", block, re.MULTILINE))
    return evaluation_ms, target_ms, sdk_ms


def pack(source: Path, feed: Path, version: str) -> None:
    for csproj in PACKAGES:
        print(f"==> packing {csproj} {version}", file=sys.stderr)
        dotnet("pack", str(source / csproj), "-c", "Release", "-o", str(feed), f"-p:Version={version}", "-nodeReuse:false",
               "-p:UseSharedCompilation=false", cwd=source)


def export(ref: str, target: Path) -> Path:
    """The tree of commit REF, extracted without touching the repository's worktrees."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def project(folder: Path, package: str | None, version: str) -> None:
    reference = f'<ItemGroup><PackageReference Include="{package}" Version="{version}" /></ItemGroup>' if package else ""
    folder.mkdir(parents=True)
    (folder / f"{folder.name}.csproj").write_text(
        f'<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework>'
        f'<OutputType>Library</OutputType></PropertyGroup>{reference}</Project>\n', encoding="utf-8")
    (folder / "C.cs").write_text("internal sealed class C { }\n", encoding="utf-8")
    for index in range(200):
        path = folder / "k8s" / f"app-{index:03d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MANIFEST.replace("name: ", f"name: a{index}-", 1), encoding="utf-8")
    for index in range(20):
        path = folder / "src" / f"part-{index:02d}.k8s.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MANIFEST.replace("name: ", f"name: s{index}-", 1), encoding="utf-8")
    for index in range(5000):
        path = folder / "node_modules" / f"pkg{index // 100}" / f"f{index}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("//\n", encoding="utf-8")


def analyzer_seconds(folder: Path) -> tuple[float, float, float]:
    """Seconds of one compilation: ManifestLint.Analyzers (both analyzers), ManifestLintAnalyzer, all analyzers."""
    (folder / "C.cs").touch()
    report = dotnet("build", "--no-restore", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:ReportAnalyzer=true", "-v:d", cwd=folder)
    assembly = re.search(r"^\s*(<?[\d.]+)\s+\S+\s+ManifestLint\.Analyzers, Version", report, re.MULTILINE)
    analyzer = re.search(r"^\s*(<?[\d.]+)\s+\S+\s+ManifestLint\.Analyzers\.ManifestLintAnalyzer ", report, re.MULTILINE)
    total = re.search(r"Total analyzer execution time: ([\d.]+) seconds", report)
    if not (assembly and analyzer and total):
        sys.exit(f"no -p:ReportAnalyzer=true figures for ManifestLint.Analyzers in the build of {folder}")
    return tuple(float(m.group(1).lstrip("<")) for m in (assembly, analyzer, total))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--analyzer-runs", type=int, default=3, help="compilations timed with -p:ReportAnalyzer=true per analyzer project")
    parser.add_argument("--before", metavar="REF", help="also pack the packages from this commit and time them in the same rounds")
    args = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    stamp = time.strftime('%Y%m%d%H%M%S')
    feed = OUT / "feed"
    versions = {"": f"0.0.0-bench.{stamp}"}
    pack(ROOT, feed, versions[""])
    if args.before:
        versions[args.before] = f"0.0.0-bench.{stamp}.before"
        pack(export(args.before, OUT / "before-source"), feed, versions[args.before])
    (OUT / "nuget.config").write_text(
        f'<configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources>'
        f'<config><add key="globalPackagesFolder" value="{OUT / "packages"}" /></config></configuration>\n', encoding="utf-8")
    (OUT / "Directory.Build.props").write_text("<Project />\n", encoding="utf-8")
    (OUT / "Directory.Build.targets").write_text("<Project />\n", encoding="utf-8")

    projects: dict[str, tuple[str | None, str]] = {"no package": (None, versions[""])}
    for ref, version in versions.items():
        label = f" ({ref})" if ref else ""
        projects[f"MSBuild task{label}"] = ("ManifestLint.MsBuild", version)
        projects[f"analyzer{label}"] = ("ManifestLint.Analyzers", version)
    folders = {}
    for index, (name, (package, version)) in enumerate(projects.items()):
        folder = OUT / f"p{index}"
        project(folder, package, version)
        print(f"==> first build of {name}", file=sys.stderr)
        dotnet("build", "-nodeReuse:false", "-p:UseSharedCompilation=false", cwd=folder)
        folders[name] = folder

    figures = {name: {"wall": [], "cpu": [], "evaluation": [], "targets": [], "sdk": []} for name in folders}
    names = list(folders)
    for round_index in range(args.runs + 1):
        # Each round starts with the next project: no project is always the one that runs first (or after another).
        for name in names[round_index % len(names):] + names[:round_index % len(names)]:
            wall, cpu, output = timed(*NO_OP, cwd=folders[name])
            if round_index == 0:
                continue
            evaluation, targets, sdk = summary_figures(output)
            for key, value in (("wall", wall * 1000), ("cpu", cpu * 1000), ("evaluation", evaluation), ("targets", targets), ("sdk", sdk)):
                figures[name][key].append(value)

    base = figures["no package"]

    def added(name: str, key: str) -> float:
        return statistics.median(v - b for v, b in zip(figures[name][key], base[key]))

    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f} at the end; "
             f"{args.runs} interleaved rounds of no-op `dotnet build --no-restore` per project "
             f"(packages of the working tree{f' and of {args.before}' if args.before else ''}).", "",
             "| project (220 manifests) | wall ms | added wall ms | × no package | added CPU ms | evaluation ms | added evaluation ms "
             "| ManifestLint targets ms | editorconfig + CoreCompile check ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, values in figures.items():
        ratio = statistics.median(v / b for v, b in zip(values["wall"], base["wall"]))
        lines.append(f"| {name} | {statistics.median(values['wall']):.0f} | {added(name, 'wall'):+.0f} | {ratio:.3f} | {added(name, 'cpu'):+.0f} "
                     f"| {statistics.median(values['evaluation']):.0f} | {added(name, 'evaluation'):+.0f} | {statistics.median(values['targets']):.0f} "
                     f"| {statistics.median(values['sdk']):.0f} |")

    lines += ["", "ManifestLint's elements in the evaluation profile (-profileevaluation, one build each, inclusive ms):", ""]
    for name, folder in folders.items():
        if "MSBuild task" not in name:
            continue
        profile = OUT / f"{folder.name}.evaluation.md"
        dotnet("build", "--no-restore", "-nodeReuse:false", "-v:q", f"-profileevaluation:{profile}", cwd=folder)
        for row in profile.read_text(encoding="utf-8").splitlines():
            cells = row.split("|")
            if len(cells) > 7 and "ManifestLint" in cells[3]:
                lines.append(f"- {name}: {cells[2]}, {cells[3]}:{cells[4]} {cells[5][:70]} — {cells[6]} ms")

    analyzers = {name: folder for name, folder in folders.items() if name.startswith("analyzer")}
    seconds = {name: [] for name in analyzers}
    for _ in range(args.analyzer_runs):
        for name, folder in analyzers.items():
            seconds[name].append(analyzer_seconds(folder))
    lines += ["", f"Analyzer time per compilation (-p:ReportAnalyzer=true, 220 manifests as AdditionalFiles; median of {args.analyzer_runs} compilations):", "",
              "| project | ManifestLint.Analyzers s | of which ManifestLintAnalyzer s | all analyzers s |", "|---|---:|---:|---:|"]
    for name, runs in seconds.items():
        lines.append(f"| {name} | " + " | ".join(f"{statistics.median(run[i] for run in runs):.3f}" for i in range(3)) + " |")

    table = "\n".join(lines) + "\n"
    (OUT.parent / "msbuild-noop.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
