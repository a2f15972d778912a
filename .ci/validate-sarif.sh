#!/usr/bin/env bash
# Validates every SARIF file ManifestLint writes with Microsoft's SARIF Multitool, with both the SARIF rules and
# GitHub code scanning's ingestion rules (--rule-kind "Sarif;Gh"): the CLI's `check --format sarif` (run from a
# subfolder, so paths must come out relative to the repository root), the CLI's stdin with --stdin-filename, the
# MSBuild task's ManifestLintSarifFile and the ManifestLint results in the analyzer's <ErrorLog>.
# The multitool exits 0 even when the file breaks the schema, so this script reads the validator's own SARIF log
# and fails when it holds any result of level "error".
#
# Usage: .ci/validate-sarif.sh [PATH...]   (default: samples/ if it exists, else the CLI test inputs)
# Env:   MANIFESTLINT_CI_CACHE  where the multitool is installed (default: .ci-local/, git-ignored)
#        MANIFESTLINT_SARIF_HOSTS  "cli" to skip the package builds of the MSBuild task and analyzer (default: all)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

cache="${MANIFESTLINT_CI_CACHE:-$root/.ci-local}"
tool_dir="$cache/sarif-multitool"
multitool="$tool_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
version="5.7.0"

if [[ ! -f "$multitool" ]]; then
  echo "validate-sarif: installing @microsoft/sarif-multitool@$version into $tool_dir" >&2
  mkdir -p "$tool_dir"
  npm install --prefix "$tool_dir" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version" >/dev/null
fi
# npm 11 skips the package's postinstall, which is what makes the native binary executable.
chmod u+x "$multitool"

if [[ $# -gt 0 ]]; then
  inputs=("$@")
elif [[ -d samples ]]; then
  inputs=(samples)
else
  inputs=(tests/ManifestLint.Tests/Cli/Inputs)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build src/Cli -c Release -nologo -v quiet -nodeReuse:false >/dev/null
cli=(dotnet "$root/src/Cli/bin/Release/net10.0/manifestlint.dll")

check() {
  set +e
  "$@"
  local status=$?
  set -e
  # 0 and 1 both mean "report written"; 2 is a usage or input error.
  if [[ $status -gt 1 ]]; then
    echo "validate-sarif: $* failed with exit code $status" >&2
    exit 1
  fi
}

check "${cli[@]}" check --format sarif --output "$work/manifestlint.sarif" "${inputs[@]}"
# From a subfolder, through stdin: the paths must still start at the repository root.
first_file="$(find "${inputs[0]}" -name '*.yaml' -path '*broken*' | sort | head -n 1)"
[[ -n "$first_file" ]] || first_file="$(find "${inputs[0]}" -name '*.yaml' | sort | head -n 1)"
check bash -c 'cd "$1" && shift && "$@"' _ "$(dirname "$first_file")" "${cli[@]}" check --format sarif \
  --output "$work/stdin.sarif" --stdin-filename "$(basename "$first_file")" - <"$first_file"
if ! grep -q "\"uri\": \"$first_file\"" "$work/stdin.sarif"; then
  echo "validate-sarif: stdin named $first_file from its own folder is not reported as $first_file" >&2
  exit 1
fi
sarif_files=("$work/manifestlint.sarif" "$work/stdin.sarif")

if [[ "${MANIFESTLINT_SARIF_HOSTS:-all}" != "cli" ]]; then
  # The MSBuild task and the analyzer, from packages, in a throwaway solution (as the end-to-end tests do).
  version="0.1.0-sarif.$(date +%s)"
  solution="$work/solution"
  mkdir -p "$solution/TaskApp/k8s" "$solution/AnalyzerApp/k8s"
  for project in src/MsBuildTask/ManifestLint.MsBuild.csproj src/Analyzers/ManifestLint.Analyzers/ManifestLint.Analyzers.csproj; do
    dotnet pack "$project" -c Release -o "$work/feed" "-p:Version=$version" -nodeReuse:false -p:UseSharedCompilation=false -tl:off -v quiet >/dev/null
  done
  cat >"$solution/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="local" value="$work/feed" /></packageSources>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
</configuration>
XML
  echo '<Project />' >"$solution/Directory.Build.props"
  echo '<Project />' >"$solution/Directory.Build.targets"
  mkdir -p "$solution/.git"
  for app in TaskApp AnalyzerApp; do
    package=ManifestLint.MsBuild; properties='<ManifestLintSarifFile>obj/manifestlint.sarif</ManifestLintSarifFile>'
    if [[ $app == AnalyzerApp ]]; then package=ManifestLint.Analyzers; properties='<ErrorLog>obj/build.sarif,version=2.1</ErrorLog>'; fi
    cat >"$solution/$app/$app.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework>$properties</PropertyGroup>
  <ItemGroup><PackageReference Include="$package" Version="$version" PrivateAssets="all" /></ItemGroup>
</Project>
XML
    echo 'internal sealed class C { }' >"$solution/$app/C.cs"
    find "${inputs[@]}" -name '*.yaml' -exec cp {} "$solution/$app/k8s/" \;
    # Errors in the manifests fail the build on purpose; the SARIF files are written either way.
    (cd "$solution/$app" && dotnet build -nodeReuse:false -p:UseSharedCompilation=false -tl:off -v quiet >"$work/$app.build.log" 2>&1) || true
  done
  for file in "$solution/TaskApp/obj/manifestlint.sarif" "$solution/AnalyzerApp/obj/build.sarif"; do
    if [[ ! -s "$file" ]]; then
      cat "$work/TaskApp.build.log" "$work/AnalyzerApp.build.log" >&2
      echo "validate-sarif: the build did not write $file" >&2
      exit 1
    fi
  done
  cp "$solution/TaskApp/obj/manifestlint.sarif" "$work/msbuild.sarif"
  # The compiler writes the ErrorLog; only the ManifestLint rules and results in it are ours. Roslyn's SARIF writer
  # has no rule "help" object (GH2012), which ManifestLint cannot add: that one GitHub rule is waived for this file.
  node - "$solution/AnalyzerApp/obj/build.sarif" "$work/analyzer.sarif" <<'JS'
const fs = require('fs');
const [input, output] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(input, 'utf8'));
for (const run of log.runs) {
  const rules = run.tool.driver.rules || [];
  const kept = rules.filter(rule => rule.id.startsWith('ML'));
  const index = new Map(kept.map((rule, i) => [rule.id, i]));
  run.tool.driver.rules = kept;
  run.results = (run.results || []).filter(result => index.has(result.ruleId))
    .map(result => ({ ...result, ruleIndex: index.get(result.ruleId) }));
  if (run.results.length === 0) { console.error('validate-sarif: the analyzer ErrorLog holds no ManifestLint result'); process.exit(1); }
}
fs.writeFileSync(output, JSON.stringify(log, null, 2));
JS
  sarif_files+=("$work/msbuild.sarif" "$work/analyzer.sarif")
fi

validate() {
  # The validator follows links inside the file; a dead proxy keeps it on this machine and makes it fail fast.
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
    "$multitool" validate "$1" --rule-kind "Sarif;Gh" --output "$2" --log ForceOverwrite >"$work/validator.log" 2>&1 || {
    cat "$work/validator.log" >&2
    echo "validate-sarif: the SARIF multitool failed to run on $1" >&2
    exit 1
  }
}

# Canary: a copy with a region starting at line 0 must be reported, or the validator is not really validating.
node -e '
const fs = require("fs");
const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const result = log.runs[0].results[0];
if (!result) { console.error("validate-sarif: the input produced no results; lint something with findings"); process.exit(1); }
result.locations[0].physicalLocation.region.startLine = 0;
fs.writeFileSync(process.argv[2], JSON.stringify(log));
' "$work/manifestlint.sarif" "$work/canary.sarif"
validate "$work/canary.sarif" "$work/canary-validation.sarif"
if ! grep -q '"level": "error"' "$work/canary-validation.sarif"; then
  echo "validate-sarif: the validator reported nothing for a copy with a broken region: it is not validating (or cannot read the file)" >&2
  exit 1
fi

failed=0
for sarif in "${sarif_files[@]}"; do
  name="$(basename "$sarif" .sarif)"
  validate "$sarif" "$work/$name.validation.sarif"
  waived=""
  [[ $name == analyzer ]] && waived="GH2012"
  echo "validate-sarif: $name.sarif"
  node - "$work/$name.validation.sarif" "$sarif" "$waived" <<'JS' || failed=1
const fs = require('fs');
const [validationPath, inputPath, waivedList] = process.argv.slice(2);
const waived = new Set((waivedList || '').split(',').filter(Boolean));
const log = JSON.parse(fs.readFileSync(validationPath, 'utf8'));
const input = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
const results = (log.runs || []).flatMap(run => run.results || []);
const describe = result => {
  const region = result.locations?.[0]?.physicalLocation?.region;
  const at = region ? `:${region.startLine}:${region.startColumn}` : '';
  const text = result.message?.text ?? (result.message?.arguments || []).join(', ');
  return `  ${result.level || 'warning'} ${result.ruleId}${at}: ${text}`;
};
const errors = results.filter(result => result.level === 'error' && !waived.has(result.ruleId)).map(describe);

// The multitool silently skips a file it cannot deserialize (e.g. an unknown "level" value): check what it cannot.
const levels = new Set(['none', 'note', 'warning', 'error']);
const fingerprints = new Set();
for (const run of input.runs || []) {
  const rules = run.tool?.driver?.rules || [];
  for (const rule of rules) {
    // An absent level means "warning" (SARIF §3.50.2); Roslyn's ErrorLog leaves it out then.
    const defaultLevel = rule.defaultConfiguration?.level ?? 'warning';
    if (!levels.has(defaultLevel)) errors.push(`  rule ${rule.id}: bad defaultConfiguration.level ${defaultLevel}`);
  }
  for (const result of run.results || []) {
    const where = `  result ${result.ruleId} ${result.locations?.[0]?.physicalLocation?.artifactLocation?.uri}`;
    if (!levels.has(result.level)) errors.push(`${where}: bad level ${result.level}`);
    if (rules[result.ruleIndex]?.id !== result.ruleId) errors.push(`${where}: ruleIndex ${result.ruleIndex} does not point at ${result.ruleId}`);
    for (const value of Object.values(result.partialFingerprints || {})) {
      if (fingerprints.has(value)) errors.push(`${where}: duplicate fingerprint ${value}`);
      fingerprints.add(value);
    }
  }
}

for (const result of results.filter(result => result.level !== 'error'))
  console.log(describe(result));
if (errors.length > 0) {
  console.error(`validate-sarif: ${errors.length} error(s):`);
  for (const error of errors) console.error(error);
  process.exit(1);
}
const count = (input.runs || []).flatMap(run => run.results || []).length;
console.log(`validate-sarif: OK (${count} results, ${results.length} validator warnings/notes, 0 errors${waived.size ? `, waived: ${[...waived]}` : ''})`);
JS
done
exit $failed
