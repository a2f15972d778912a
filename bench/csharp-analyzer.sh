#!/usr/bin/env bash
# Cost of the Roslyn analyzer on C# code: a console project with 200 KubernetesClient objects, built with and
# without ManifestLint.Analyzers (everything else identical), plus the compiler's own -p:ReportAnalyzer figures.
# Usage: bench/csharp-analyzer.sh [runs] [base-revision]
#   runs: builds of each variant, interleaved (default 3); medians and ratios printed.
#   base-revision: also build with the analyzer as packed from that git revision (e.g. the commit before a change),
#   in the same interleaved rounds, so "before" and "after" see the same machine load.
set -euo pipefail
runs="${1:-3}"
base="${2:-}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d -t manifestlint-bench-cs.XXXXXX)"
trap 'rm -rf "$work"' EXIT
stamp="$(date +%s)"
version="0.1.0-bench.$stamp"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

dotnet pack "$repo/src/Analyzers/ManifestLint.Analyzers/ManifestLint.Analyzers.csproj" -c Release -o "$work/feed" \
  "-p:Version=$version" -nodeReuse:false -p:UseSharedCompilation=false -tl:off -v:q >/dev/null
if [ -n "$base" ]; then
  mkdir -p "$work/base-src"
  git -C "$repo" archive "$base" | tar -x -C "$work/base-src"
  dotnet pack "$work/base-src/src/Analyzers/ManifestLint.Analyzers/ManifestLint.Analyzers.csproj" -c Release -o "$work/feed" \
    "-p:Version=0.1.0-base.$stamp" -nodeReuse:false -p:UseSharedCompilation=false -tl:off -v:q >/dev/null
fi

mkdir -p "$work/app"
cat >"$work/nuget.config" <<XML
<configuration><packageSources><clear /><add key="local" value="$work/feed" /><add key="cache" value="$cache" /></packageSources>
<config><add key="globalPackagesFolder" value="$work/packages" /></config></configuration>
XML
echo '<Project />' >"$work/Directory.Build.props"
echo '<Project />' >"$work/Directory.Build.targets"
cat >"$work/app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><ManifestLintVersion>$version</ManifestLintVersion><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="KubernetesClient" Version="21.0.8" />
    <PackageReference Include="ManifestLint.Analyzers" Version="\$(ManifestLintVersion)" />
  </ItemGroup>
  <!-- -p:WithoutManifestLint=true: the same build without the analyzer. -->
  <Target Name="DropManifestLint" AfterTargets="ResolveLockFileAnalyzers" Condition="'\$(WithoutManifestLint)' == 'true'">
    <ItemGroup><Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'ManifestLint.Analyzers'" /></ItemGroup>
  </Target>
</Project>
XML
{
  echo 'using k8s.Models;'
  echo 'public static class Objects {'
  for i in $(seq 1 200); do
    # Every fifth object has a finding (an image without a tag), so the run proves the analyzer is loaded.
    tag=":1.$i"; [ $((i % 5)) -eq 0 ] && tag=""
    cat <<CS
    public static V1Deployment Deployment$i(string image) => new()
    {
        ApiVersion = "apps/v1", Kind = "Deployment",
        Metadata = new() { Name = "web-$i", Labels = new Dictionary<string, string> { ["app"] = "web-$i" } },
        Spec = new()
        {
            Replicas = $((i % 4 + 1)),
            Selector = new() { MatchLabels = new Dictionary<string, string> { ["app"] = "web-$i" } },
            Strategy = new() { Type = "RollingUpdate", RollingUpdate = new() { MaxSurge = "25%", MaxUnavailable = $((i % 2)) } },
            Template = new()
            {
                Metadata = new() { Labels = new Dictionary<string, string> { ["app"] = "web-$i" } },
                Spec = new()
                {
                    Containers =
                    [
                        new() { Name = "web", Image = "registry.example.com/web$tag", ReadinessProbe = new() { HttpGet = new() { Path = "/ready", Port = 8080 } } },
                        new() { Name = "proxy", Image = image, Ports = [new() { ContainerPort = 9000 + $i }] },
                    ],
                    Tolerations = [new() { Key = "gpu", OperatorProperty = "Exists", Effect = "NoSchedule" }],
                },
            },
        },
    };
CS
  done
  echo '}'
} >"$work/app/Objects.cs"

if [ -n "$base" ]; then
  cp -r "$work/app" "$work/app-base"
  sed -i "s|<ManifestLintVersion>$version<|<ManifestLintVersion>0.1.0-base.$stamp<|" "$work/app-base/App.csproj"
  (cd "$work/app-base" && dotnet restore -nodeReuse:false -tl:off -v:q >/dev/null)
fi
cd "$work/app"
dotnet restore -nodeReuse:false -tl:off -v:q >/dev/null
build() { # [-C dir] extra properties; prints wall seconds and keeps the log
  local start end dir="$work/app"
  if [ "${1:-}" = "-C" ]; then dir="$2"; shift 2; fi
  start=$(date +%s.%N)
  (cd "$dir" && dotnet build --no-restore --no-incremental -nodeReuse:false -p:UseSharedCompilation=false -tl:off -v:d \
    -clp:PerformanceSummary -p:ReportAnalyzer=true "$@" >"$work/build.log" 2>&1) || { tail -30 "$work/build.log"; exit 1; }
  grep -E 'warning (AD0001|CS8032|CS9057)' "$work/build.log" && { echo "the analyzer failed to load or run" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
# ReportAnalyzer: "<seconds>   <percent>   ManifestLint.Analyzers, Version=…" and the total analyzer time.
analyzer_seconds() { grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+ManifestLint\.Analyzers, ' "$work/build.log" | head -1 | awk '{print $1}' | tr -d '<'; }
# MSBuild's task summary: "   4123 ms  Csc   1 calls", the compiler's share of the build.
csc_ms() { grep -E '^\s+[0-9]+ ms\s+Csc\s' "$work/build.log" | tail -1 | awk '{print $1}'; }
analyzer_total() { grep -m1 -E 'Total analyzer execution time' "$work/build.log" | grep -oE '[0-9.]+' | head -1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

build >/dev/null # warm-up
with=(); without=(); analyzer=(); compiler=(); before=(); before_analyzer=(); before_compiler=()
csc_with=(); csc_without=(); csc_before=(); others=()
for _ in $(seq 1 "$runs"); do
  with+=("$(build)")
  analyzer+=("$(analyzer_seconds)")
  compiler+=("$(analyzer_total)")
  csc_with+=("$(csc_ms)")
  grep -q 'warning ML\|error ML' "$work/build.log" || { echo "the analyzer reported nothing: is it loaded?" >&2; exit 1; }
  without+=("$(build -p:WithoutManifestLint=true)")
  csc_without+=("$(csc_ms)")
  others+=("$(analyzer_total)")
  if [ -n "$base" ]; then
    before+=("$(build -C "$work/app-base")")
    before_analyzer+=("$(analyzer_seconds)")
    before_compiler+=("$(analyzer_total)")
    csc_before+=("$(csc_ms)")
  fi
done
w=$(printf '%s\n' "${with[@]}" | median); wo=$(printf '%s\n' "${without[@]}" | median)
a=$(printf '%s\n' "${analyzer[@]}" | median); t=$(printf '%s\n' "${compiler[@]}" | median)
printf 'runs: %s each, 200 objects, medians\n' "$runs"
printf 'dotnet build --no-incremental with the analyzer:    %6.2f s\n' "$w"
printf 'dotnet build --no-incremental without the analyzer: %6.2f s\n' "$wo"
printf 'ratio with/without:                                 %6.3f\n' "$(echo "$w / $wo" | bc -l)"
printf 'ReportAnalyzer: ManifestLint.Analyzers %s s of %s s analyzer time in csc\n' "$a" "$t"
cw=$(printf '%s\n' "${csc_with[@]}" | median); cwo=$(printf '%s\n' "${csc_without[@]}" | median)
o=$(printf '%s\n' "${others[@]}" | median)
printf 'Csc task with / without the analyzer:               %6.0f / %6.0f ms, ratio %6.3f\n' "$cw" "$cwo" "$(echo "$cw / $cwo" | bc -l)"
printf 'analyzer time in csc without ManifestLint (the SDK analyzers): %s s\n' "$o"
printf 'per run Csc ms (with / without / ratio): '
for i in "${!csc_with[@]}"; do printf '%s/%s/%.3f  ' "${csc_with[$i]}" "${csc_without[$i]}" "$(echo "${csc_with[$i]} / ${csc_without[$i]}" | bc -l)"; done
echo
printf 'per run (with / without / ratio): '
for i in "${!with[@]}"; do printf '%.2f/%.2f/%.3f  ' "${with[$i]}" "${without[$i]}" "$(echo "${with[$i]} / ${without[$i]}" | bc -l)"; done
echo
if [ -n "$base" ]; then
  b=$(printf '%s\n' "${before[@]}" | median)
  ba=$(printf '%s\n' "${before_analyzer[@]}" | median); bt=$(printf '%s\n' "${before_compiler[@]}" | median)
  printf 'dotnet build --no-incremental with the %s analyzer: %6.2f s (ratio to without %6.3f)\n' "$base" "$b" "$(echo "$b / $wo" | bc -l)"
  printf 'ReportAnalyzer at %s: ManifestLint.Analyzers %s s of %s s analyzer time in csc\n' "$base" "$ba" "$bt"
  cb=$(printf '%s\n' "${csc_before[@]}" | median)
  printf 'Csc task with the %s analyzer: %6.0f ms, ratio to without %6.3f\n' "$base" "$cb" "$(echo "$cb / $cwo" | bc -l)"
  printf 'per run Csc ms at %s: %s\n' "$base" "${csc_before[*]}"
fi
