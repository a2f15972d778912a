#!/usr/bin/env bash
# End-to-end check of both pre-commit hooks, run in a throwaway git repository:
# - manifestlint: pre-commit installs it from this repository's committed HEAD (language: dotnet packs the repository
#   and installs the tool), once, into PRE_COMMIT_HOME; with clang on the machine the installed tool must be the
#   NativeAOT binary. Commit before running this script: uncommitted changes are not part of HEAD.
# - manifestlint-system: runs the `manifestlint` on PATH (here the one the first hook installed); without one on PATH
#   it must fail and say so.
# A manifest with a finding must fail each hook and print the finding; a clean one must pass.
# A kustomize patch staged alone (its kustomization.yaml committed earlier, not among the hook's files) must pass,
# and the same partial object outside any kustomization must fail.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v pre-commit >/dev/null 2>&1; then
  echo "pre-commit not found: installing Debian's package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq pre-commit >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Keep pre-commit's cache of installed hooks inside the throwaway folder: the script installs from scratch.
export PRE_COMMIT_HOME="$work/cache"

mkdir -p "$work/repo/k8s"
cd "$work/repo"
git init -q .
git config user.email "ci@manifestlint.invalid"
git config user.name "ManifestLint CI"

cat > k8s/bad.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  name: settings-v2
YAML
cat > k8s/good.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: production
YAML
mkdir -p overlays/prod overlays/staging
cat > overlays/prod/kustomization.yaml <<'YAML'
resources:
  - ../../base
patches:
  - path: replicas.yaml
YAML
# A config with both hooks, pinned to this repository's HEAD. (`pre-commit try-repo` would install into a temporary
# store on every call: a NativeAOT build each time, and nothing left to inspect afterwards.)
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo_root
    rev: $(git -C "$repo_root" rev-parse HEAD)
    hooks:
      - id: manifestlint
      - id: manifestlint-system
YAML
git add -A
git commit -q -m "manifests"

# try_hook HOOK_ID: the bad manifest fails with its finding, the good one passes.
try_hook() {
  local hook=$1
  echo "pre-commit run $hook on a bad manifest (must fail with a finding)"
  set +e
  pre-commit run "$hook" --files k8s/bad.yaml >"$work/bad.log" 2>&1
  bad_status=$?
  set -e
  cat "$work/bad.log"
  if [[ $bad_status -eq 0 ]]; then
    echo "FAIL: $hook passed a manifest with a duplicate key" >&2
    exit 1
  fi
  if ! grep -q 'k8s/bad.yaml:5:3: error\[ML9002\]' "$work/bad.log"; then
    echo "FAIL: $hook failed without reporting k8s/bad.yaml:5:3 ML9002" >&2
    exit 1
  fi

  echo "pre-commit run $hook on a good manifest (must pass)"
  if ! pre-commit run "$hook" --files k8s/good.yaml >"$work/good.log" 2>&1; then
    cat "$work/good.log"
    echo "FAIL: $hook failed on a clean manifest" >&2
    exit 1
  fi
  cat "$work/good.log"
}

try_hook manifestlint

installed="$(find "$PRE_COMMIT_HOME" -path '*/dotnetenv-*/bin/manifestlint' | head -n 1)"
if [[ -z "$installed" ]]; then
  echo "FAIL: no manifestlint under $PRE_COMMIT_HOME after installing the hook" >&2
  exit 1
fi
binary="$(readlink -f "$installed")"
echo "the hook installed $binary"
if command -v clang >/dev/null 2>&1 && [[ "$(uname -s)" == Linux ]]; then
  if [[ "$(head -c 4 "$binary" | od -An -c | tr -d ' ')" != '177ELF' || -e "$(dirname "$binary")/manifestlint.dll" ]]; then
    echo "FAIL: clang is installed but the hook's manifestlint is not the NativeAOT binary" >&2
    exit 1
  fi
  echo "the hook's manifestlint is the NativeAOT binary"
fi

bare_path=/usr/local/bin:/usr/bin:/bin
if ! PATH=$bare_path command -v manifestlint >/dev/null 2>&1; then
  echo "pre-commit run manifestlint-system without manifestlint on PATH (must fail)"
  if PATH=$bare_path pre-commit run manifestlint-system --files k8s/good.yaml >"$work/missing.log" 2>&1; then
    cat "$work/missing.log"
    echo "FAIL: manifestlint-system passed without a manifestlint to run" >&2
    exit 1
  fi
  cat "$work/missing.log"
fi

PATH="$(dirname "$installed"):$PATH" try_hook manifestlint-system

partial_deployment='apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 5'

echo "pre-commit run with only a kustomize patch staged (must pass)"
printf '%s\n' "$partial_deployment" > overlays/prod/replicas.yaml
git add overlays/prod/replicas.yaml
if ! pre-commit run manifestlint >"$work/patch.log" 2>&1; then
  cat "$work/patch.log"
  echo "FAIL: the hook linted a staged kustomize patch as a whole object" >&2
  exit 1
fi
cat "$work/patch.log"
if ! grep -q 'manifestlint.*Passed' "$work/patch.log"; then
  echo "FAIL: the hook did not run on the staged patch" >&2
  exit 1
fi
git commit -q -m "patch"

echo "pre-commit run with the same partial object outside a kustomization staged (must fail with ML5005)"
printf '%s\n' "$partial_deployment" > overlays/staging/replicas.yaml
git add overlays/staging/replicas.yaml
set +e
pre-commit run manifestlint >"$work/unlisted.log" 2>&1
unlisted_status=$?
set -e
cat "$work/unlisted.log"
if [[ $unlisted_status -eq 0 ]] || ! grep -q 'overlays/staging/replicas.yaml:.*error\[ML5005\]' "$work/unlisted.log"; then
  echo "FAIL: a partial Deployment outside any kustomization was not reported as ML5005" >&2
  exit 1
fi
echo "pre-commit end-to-end: 2 hooks, 6 runs passed, 0 failed"
