#!/usr/bin/env python3
"""What the .NET hosts add to a no-op build of a project with 200 manifests (issue 10, point 6).

Packs ManifestLint.MsBuild and ManifestLint.Analyzers into a local feed, makes three projects side by side (none,
the MSBuild task, the analyzer), each with 200 manifests under k8s/, 20 `*.k8s.yaml` files in src/ and a
node_modules/ folder of 5,000 files (a tree the `**/*.k8s.yaml` glob must not walk), builds them once, then times
no-op `dotnet build --no-restore` of each in interleaved rounds. Also prints, from one more build of each:
MSBuild's evaluation and target times (-clp:PerformanceSummary) for ManifestLint's targets, and the analyzer's
time per compilation (-p:ReportAnalyzer=true, after touching a C# file so the compiler runs).

    bench/msbuild_noop.py [--runs 10]           # table in artifacts/bench/msbuild-noop.md
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("OUT", ROOT / "artifacts" / "bench")) / "msbuild-noop"
MANIFEST = (ROOT / "samples" / "web-deploy.yaml").read_text(encoding="utf-8")
ENV = {**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_NOLOGO": "1", "MSBUILDDISABLENODEREUSE": "1"}


def dotnet(*arguments: str, cwd: Path) -> str:
    result = subprocess.run(["dotnet", *arguments], cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"dotnet {' '.join(arguments)} failed:\n{result.stdout[-4000:]}{result.stderr[-2000:]}")
    return result.stdout


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    version = f"0.0.0-bench.{time.strftime('%Y%m%d%H%M%S')}"
    feed = OUT / "feed"
    for csproj in ("src/MsBuildTask/ManifestLint.MsBuild.csproj", "src/Analyzers/ManifestLint.Analyzers/ManifestLint.Analyzers.csproj"):
        print(f"==> packing {csproj}", file=sys.stderr)
        dotnet("pack", str(ROOT / csproj), "-c", "Release", "-o", str(feed), f"-p:Version={version}", "-nodeReuse:false", cwd=ROOT)
    (OUT / "nuget.config").write_text(
        f'<configuration><packageSources><add key="local" value="{feed}" /></packageSources>'
        f'<config><add key="globalPackagesFolder" value="{OUT / "packages"}" /></config></configuration>\n', encoding="utf-8")
    (OUT / "Directory.Build.props").write_text("<Project />\n", encoding="utf-8")
    (OUT / "Directory.Build.targets").write_text("<Project />\n", encoding="utf-8")
    projects = {"no package": None, "MSBuild task": "ManifestLint.MsBuild", "analyzer": "ManifestLint.Analyzers"}
    folders = {}
    for name, package in projects.items():
        folder = OUT / name.replace(" ", "")
        project(folder, package, version)
        print(f"==> first build of {name}", file=sys.stderr)
        dotnet("build", "-nodeReuse:false", "-p:UseSharedCompilation=false", cwd=folder)
        folders[name] = folder

    walls = {name: [] for name in folders}
    for round_index in range(args.runs + 1):
        for name, folder in folders.items():
            start = time.perf_counter()
            dotnet("build", "--no-restore", "-nodeReuse:false", "-p:UseSharedCompilation=false", cwd=folder)
            if round_index > 0:
                walls[name].append(time.perf_counter() - start)

    base = walls["no package"]
    lines = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}; "
             f"{args.runs} interleaved rounds of no-op `dotnet build --no-restore` per project.", "",
             "| project (200 manifests) | median ms | added ms (median of round differences) | × no package |",
             "|---|---:|---:|---:|"]
    for name, values in walls.items():
        added = statistics.median(v - b for v, b in zip(values, base))
        ratio = statistics.median(v / b for v, b in zip(values, base))
        lines.append(f"| {name} | {statistics.median(values) * 1000:.0f} | {added * 1000:+.0f} | {ratio:.3f} |")

    summary = dotnet("build", "--no-restore", "-nodeReuse:false", "-clp:PerformanceSummary", cwd=folders["MSBuild task"])
    lines += ["", "MSBuild's own accounting of a no-op build with the task (-clp:PerformanceSummary):", ""]
    for pattern in (r"^\s*(\d+) ms\s+(.*ManifestLint[^\s]*\.csproj)\s+\d+ calls", r"^\s*(\d+) ms\s+(_?ManifestLint\w*)\s+\d+ calls",
                    r"^\s*(\d+) ms\s+(ManifestLintTask|Hash|WriteLinesToFile)\s+\d+ calls"):
        for match in re.finditer(pattern, summary, re.MULTILINE):
            lines.append(f"- {match.group(2)}: {match.group(1)} ms")
    evaluation = re.search(r"Project Evaluation Performance Summary:\s*\n\s*(\d+) ms", summary)
    if evaluation:
        lines.append(f"- project evaluation (all items, the default globs included): {evaluation.group(1)} ms")

    analyzer = folders["analyzer"]
    (analyzer / "C.cs").touch()
    report = dotnet("build", "--no-restore", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:ReportAnalyzer=true", "-v:n", cwd=analyzer)
    lines += ["", "Analyzer time per compilation (-p:ReportAnalyzer=true, 220 manifests as AdditionalFiles):", ""]
    for line in report.splitlines():
        if re.search(r"Total analyzer execution time|ManifestLint\.Analyzers|ManifestLintAnalyzer", line):
            lines.append(f"    {line.strip()}")

    table = "\n".join(lines) + "\n"
    (OUT.parent / "msbuild-noop.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
