#!/usr/bin/env bash
# Validates manifestlint's SARIF output with Microsoft's SARIF Multitool (the validator GitHub code scanning uses).
# The multitool exits 0 even when the file breaks the schema, so this script reads the validator's own SARIF log
# and fails when it holds any result of level "error".
#
# Usage: .ci/validate-sarif.sh [PATH...]   (default: samples/ if it exists, else the CLI test inputs)
# Env:   MANIFESTLINT_CI_CACHE  where the multitool is installed (default: .ci-local/, git-ignored)
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
cli=(dotnet "src/Cli/bin/Release/net10.0/manifestlint.dll")

set +e
"${cli[@]}" check --format sarif --output "$work/manifestlint.sarif" "${inputs[@]}"
status=$?
set -e
# 0 and 1 both mean "report written"; 2 is a usage or input error.
if [[ $status -gt 1 ]]; then
  echo "validate-sarif: manifestlint check failed with exit code $status" >&2
  exit 1
fi

validate() {
  # The validator follows links inside the file; a dead proxy keeps it on this machine and makes it fail fast.
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
    "$multitool" validate "$1" --output "$2" --log ForceOverwrite >"$work/validator.log" 2>&1 || {
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

validate "$work/manifestlint.sarif" "$work/validation.sarif"

node - "$work/validation.sarif" "$work/manifestlint.sarif" <<'JS'
const fs = require('fs');
const [validationPath, inputPath] = process.argv.slice(2);
const log = JSON.parse(fs.readFileSync(validationPath, 'utf8'));
const input = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
const results = (log.runs || []).flatMap(run => run.results || []);
const describe = result => {
  const region = result.locations?.[0]?.physicalLocation?.region;
  const at = region ? `:${region.startLine}:${region.startColumn}` : '';
  const text = result.message?.text ?? (result.message?.arguments || []).join(', ');
  return `  ${result.level || 'warning'} ${result.ruleId}${at}: ${text}`;
};
const errors = results.filter(result => result.level === 'error').map(describe);

// The multitool silently skips a file it cannot deserialize (e.g. an unknown "level" value): check what it cannot.
const levels = new Set(['none', 'note', 'warning', 'error']);
const fingerprints = new Set();
for (const run of input.runs || []) {
  const rules = run.tool?.driver?.rules || [];
  for (const rule of rules) {
    if (!levels.has(rule.defaultConfiguration?.level)) errors.push(`  rule ${rule.id}: bad defaultConfiguration.level ${rule.defaultConfiguration?.level}`);
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
console.log(`validate-sarif: OK (${count} results, ${results.length} validator warnings/notes, 0 errors)`);
JS
